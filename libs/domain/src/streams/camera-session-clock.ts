const KEEP = 256;

/**
 * The main stream's 90 kHz clock as seen from the wall clock, for frames of the detection stream.
 * The two pulls of a camera have unrelated timestamps (each RTSP session starts its own), but
 * the same picture reaches Argus at about the same time on both: a detection frame's capture time
 * gives the main stream's timestamp of that moment. Viewers match boxes to the picture they are
 * shown by that timestamp (the embedded gateway sends the main stream's timestamps as RTP's).
 */
export class MainStreamClock {
  /** Recent main-stream units: wall-clock arrival (ms) and pts, oldest first. */
  private readonly arrivals: number[] = [];
  private readonly pts: number[] = [];

  /** A unit of the main stream arrived. */
  record(receivedAt: number, pts90k: number): void {
    this.arrivals.push(receivedAt);
    this.pts.push(pts90k);
    if (this.arrivals.length > KEEP) {
      this.arrivals.shift();
      this.pts.shift();
    }
  }

  /** A new connection: its timestamps start afresh. */
  reset(): void {
    this.arrivals.length = 0;
    this.pts.length = 0;
  }

  /** The main stream's pts at wall-clock time `at` (ms), from its nearest unit; null before any unit. */
  ptsAt(at: number): number | null {
    const n = this.arrivals.length;
    if (n === 0) return null;
    let best = n - 1;
    for (let i = n - 2; i >= 0; i--) {
      if (Math.abs(this.arrivals[i] - at) < Math.abs(this.arrivals[best] - at)) best = i;
      else if (this.arrivals[i] < at) break;
    }
    return Math.round(this.pts[best] + (at - this.arrivals[best]) * 90);
  }
}
