export interface DelayMeterOptions {
  /** Samples collected before the target moves. */
  samples: number;
  /** Kept on top of the measured lateness (jitter of the detection path). */
  marginMs: number;
  maxMs: number;
}

export const DEFAULT_DELAY_METER: DelayMeterOptions = { samples: 10, marginMs: 40, maxMs: 600 };

/**
 * How much later the video should be shown so that each picture's detections are already there.
 * Fed with lateness samples (detection arrival − picture shown; negative when boxes were early),
 * it moves the target by the 90th percentile of a batch, so it settles where boxes just make it.
 */
export class DelayMeter {
  private batch: number[] = [];
  private current = 0;

  constructor(private readonly options: DelayMeterOptions = DEFAULT_DELAY_METER) {}

  /** Extra playout delay wanted now, ms. */
  get target(): number {
    return this.current;
  }

  /** Returns true when the target changed. */
  record(latenessMs: number): boolean {
    this.batch.push(latenessMs);
    if (this.batch.length < this.options.samples) return false;
    const sorted = [...this.batch].sort((a, b) => a - b);
    this.batch = [];
    const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
    const next = Math.round(Math.min(this.options.maxMs, Math.max(0, this.current + p90 + this.options.marginMs)));
    // Small corrections are not worth resizing the browser's jitter buffer for.
    if (Math.abs(next - this.current) < 20) return false;
    this.current = next;
    return true;
  }
}
