/** What Argus knows about when the unit a decoded frame came from was captured. */
export interface CaptureTime {
  /** The decoder's input timestamp (FLV milliseconds). */
  ms: number;
  pts90k: number;
  receivedAt: number;
}

// A step longer than this is a discontinuity (camera restart, PTS reset), not elapsed time.
const MAX_STEP_MS = 10_000;
const DEFAULT_STEP_MS = 100;
// Entries the decoder has not answered yet; a healthy decoder lags a few frames behind.
const MAX_ENTRIES = 1024;

/**
 * Maps the camera's 90 kHz PTS onto the decoder's millisecond timeline (which must only go forward,
 * from 0) and back: each decoded frame's timestamp finds the unit it came from, so the frame carries
 * that unit's PTS and arrival time.
 */
export class DecoderTimeline {
  private readonly entries: CaptureTime[] = [];
  private basePts = 0;
  private lastPts: number | null = null;
  private lastMs = 0;
  private lastStep = DEFAULT_STEP_MS;

  /** The decoder timestamp for a unit, remembered with its capture time. */
  stamp(pts90k: number, receivedAt: number): number {
    let ms: number;
    if (this.lastPts === null) {
      this.basePts = pts90k;
      ms = 0;
    } else {
      const step = (pts90k - this.lastPts) / 90;
      if (step > 0 && step <= MAX_STEP_MS) {
        this.lastStep = step;
      } else {
        // Carry on one usual step later, as if the stream had not jumped.
        this.basePts = pts90k - (this.lastMs + this.lastStep) * 90;
      }
      ms = Math.max(Math.round((pts90k - this.basePts) / 90), this.lastMs + 1);
    }
    this.lastPts = pts90k;
    this.lastMs = ms;
    this.entries.push({ ms, pts90k, receivedAt });
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return ms;
  }

  /** The capture time of the frame stamped `ms`; forgets it and everything before it. */
  take(ms: number): CaptureTime | null {
    while (this.entries.length > 0 && this.entries[0].ms < ms) this.entries.shift();
    const head = this.entries[0];
    if (!head || head.ms !== ms) return null;
    this.entries.shift();
    return head;
  }
}
