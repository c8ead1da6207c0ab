import type { RtpUnit } from './rtp-unit';

export interface GopCacheLimits {
  /** Units kept after the keyframe; a longer GOP keeps the keyframe only. */
  maxUnits: number;
  maxBytes: number;
}

export const DEFAULT_GOP_LIMITS: GopCacheLimits = { maxUnits: 300, maxBytes: 4 * 1024 * 1024 };

/**
 * The units since the camera's latest keyframe. A new viewer (or one that lost a picture) gets them
 * at once and is on the live picture immediately instead of waiting up to a whole GOP: the camera
 * cannot be asked for a keyframe through an ffmpeg copy.
 */
export class GopCache {
  private units: RtpUnit[] = [];
  private bytes = 0;
  /** False when the GOP outgrew the limits: only its keyframe is kept. */
  private whole = true;

  constructor(private readonly limits: GopCacheLimits = DEFAULT_GOP_LIMITS) {}

  push(unit: RtpUnit): void {
    if (unit.keyframe) {
      this.units = [unit];
      this.bytes = unit.bytes;
      this.whole = true;
      return;
    }
    if (this.units.length === 0 || !this.whole) return;
    if (this.units.length > this.limits.maxUnits || this.bytes + unit.bytes > this.limits.maxBytes) {
      this.units = this.units.slice(0, 1);
      this.bytes = this.units[0].bytes;
      this.whole = false;
      return;
    }
    this.units.push(unit);
    this.bytes += unit.bytes;
  }

  /**
   * What a viewer starting now needs: the whole GOP (`complete`), or only its keyframe when the GOP
   * was too long to keep (the viewer then shows that picture until the next keyframe). Empty before
   * the first keyframe.
   */
  snapshot(): { units: RtpUnit[]; complete: boolean } {
    return { units: [...this.units], complete: this.whole };
  }

  clear(): void {
    this.units = [];
    this.bytes = 0;
    this.whole = true;
  }
}
