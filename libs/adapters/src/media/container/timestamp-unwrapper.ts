/**
 * Container timestamps wrap: MPEG-TS's 90 kHz PTS after 33 bits (26.5 h), FLV's milliseconds after
 * 31 bits (24.8 days, sooner with wall-clock input times). This turns them into one continuous time
 * line by following the shortest step from the previous value, so that a small step back (a muxer
 * fix-up) stays a step back and is not taken for a wrap.
 */
export class TimestampUnwrapper {
  private readonly wrap: number;
  private lastRaw: number | null = null;
  private first = 0;
  private value = 0;

  /** `bits`: how many bits of the timestamp the container keeps (33 for MPEG-TS PTS, 31 for FLV). */
  constructor(bits: number) {
    this.wrap = 2 ** bits;
  }

  /** The continuous value: the first timestamp given, then each step from there. */
  next(raw: number): number {
    const wrapped = raw % this.wrap;
    if (this.lastRaw === null) {
      this.first = wrapped;
      this.value = wrapped;
    } else {
      let step = (wrapped - this.lastRaw + this.wrap) % this.wrap;
      if (step >= this.wrap / 2) step -= this.wrap;
      this.value += step;
    }
    this.lastRaw = wrapped;
    return this.value;
  }

  /** Like `next`, counted from the first timestamp given (which is 0). */
  elapsed(raw: number): number {
    return this.next(raw) - this.first;
  }
}

/** MPEG-TS PTS and DTS (ISO/IEC 13818-1 section 2.4.3.7). */
export const MPEGTS_TIMESTAMP_BITS = 33;
/** FLV tag timestamps: 24 bits plus an 8-bit extension, of which players keep 31 (signed 32-bit). */
export const FLV_TIMESTAMP_BITS = 31;
