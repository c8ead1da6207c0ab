import type { EncodedVideoUnit } from '../streams/encoded-video';

/**
 * The newest video of a camera in memory, in whole GOPs (each starting at a keyframe) covering at
 * least `keepMs` before the newest unit, so that a clip can start before the alert that asked for
 * it. Units before the first keyframe are useless to a clip and not kept. Times are the units'
 * arrival times (ms).
 */
export class PreRoll {
  private gops: EncodedVideoUnit[][] = [];
  private heldBytes = 0;

  constructor(private keepMs = 0) {}

  setKeep(ms: number): void {
    this.keepMs = ms;
    this.trim();
  }

  push(unit: EncodedVideoUnit): void {
    if (unit.keyframe) this.gops.push([unit]);
    else if (this.gops.length > 0) this.gops[this.gops.length - 1].push(unit);
    else return;
    this.heldBytes += unit.data.length;
    this.trim();
  }

  /** The units from the last keyframe at or before `time` (or the oldest one kept) to the newest. */
  from(time: number): EncodedVideoUnit[] {
    let start = 0;
    for (let i = this.gops.length - 1; i >= 0; i--) {
      if (this.gops[i][0].receivedAt <= time) {
        start = i;
        break;
      }
    }
    return this.gops.slice(start).flat();
  }

  /** Arrival time of the newest unit; null when empty. */
  get newest(): number | null {
    const last = this.gops[this.gops.length - 1];
    return last ? last[last.length - 1].receivedAt : null;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  clear(): void {
    this.gops = [];
    this.heldBytes = 0;
  }

  /** Drops the oldest GOP while the next one still starts early enough to cover `keepMs`. */
  private trim(): void {
    const newest = this.newest;
    if (newest === null) return;
    while (this.gops.length > 1 && this.gops[1][0].receivedAt <= newest - this.keepMs) {
      const dropped = this.gops.shift() as EncodedVideoUnit[];
      for (const unit of dropped) this.heldBytes -= unit.data.length;
    }
  }
}
