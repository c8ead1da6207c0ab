// Longest hold worth correcting: beyond it the stream stalled and the camera's pace is unknown.
const MAX_HOLD_MS = 1000;

/**
 * ffmpeg's H.264 parser hands on an access unit only when the next one begins, so every unit
 * reaches Argus one camera frame interval after it reached ffmpeg. Arrival time is estimated as
 * the time Argus got it minus that interval (the last PTS step), never before the previous unit.
 */
export class ArrivalEstimate {
  private lastPts: number | null = null;
  private last = 0;

  of(pts90k: number, receivedAt: number): number {
    const step = this.lastPts === null ? 0 : (pts90k - this.lastPts) / 90;
    const hold = step > 0 && step <= MAX_HOLD_MS ? step : 0;
    this.lastPts = pts90k;
    this.last = Math.max(Math.round(receivedAt - hold), this.last);
    return this.last;
  }
}
