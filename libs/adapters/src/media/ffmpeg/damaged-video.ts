/**
 * H.264 7.4.1 and RFC 6184 section 5.3: forbidden_zero_bit is 0 in every NAL unit an encoder
 * writes; a 1 means the unit "may contain bit errors or other syntax violations". ffmpeg copies
 * whatever the RTP layer hands it, so a camera sending noise shows up here as access units full
 * of such NAL units (and of start codes found in the noise).
 */
export function isDamagedAccessUnit(nals: readonly Uint8Array[]): boolean {
  return nals.some((nal) => nal.length === 0 || (nal[0] & 0x80) !== 0);
}

export interface DamagedVideoOptions {
  /** The span looked at; the same as the stream watchdog, so damage is judged like silence. */
  windowMs: number;
  /** Units needed in the window before anything is judged. */
  minUnits: number;
  /** Share of damaged units in the window from which the stream counts as broken. */
  maxDamagedShare: number;
}

export const DEFAULT_DAMAGED_VIDEO: DamagedVideoOptions = { windowMs: 10_000, minUnits: 10, maxDamagedShare: 0.5 };

/**
 * Tells a stream that is mostly damaged from one with the odd bad unit. Damaged units are not passed
 * on, but a few good ones among the noise would keep the watchdog content: this ends such a stream,
 * so the camera shows an error and is reconnected instead of "running" with no usable picture.
 */
export class DamagedVideoMeter {
  private readonly units: Array<{ at: number; damaged: boolean }> = [];
  private damaged = 0;
  private firstAt: number | null = null;

  constructor(private readonly options: DamagedVideoOptions = DEFAULT_DAMAGED_VIDEO) {}

  /** Counts one unit; answers the reason to end the stream once the window is mostly damaged. */
  record(damaged: boolean, at: number): string | null {
    const { windowMs, minUnits, maxDamagedShare } = this.options;
    this.firstAt ??= at;
    this.units.push({ at, damaged });
    if (damaged) this.damaged++;
    while (this.units.length > 0 && this.units[0].at <= at - windowMs) {
      if (this.units.shift()?.damaged) this.damaged--;
    }
    const judged = at - this.firstAt >= windowMs && this.units.length >= minUnits;
    if (!judged || this.damaged < this.units.length * maxDamagedShare) return null;
    return `the camera sends damaged video (${this.damaged} of ${this.units.length} frames in ${Math.round(windowMs / 1000)} s)`;
  }
}
