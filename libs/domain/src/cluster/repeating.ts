import type { TimerHandle, Timers } from '../streams/timers';

/**
 * A task run every `periodMs` (the next run is planned once the previous one ended, so runs never
 * overlap); `now()` brings the next run forward. Failures go to `failed` and the loop goes on.
 */
export class Repeating {
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private active = false;

  constructor(
    private readonly timers: Timers,
    private readonly periodMs: number,
    private readonly task: () => Promise<void>,
    private readonly failed: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.active) return;
    this.active = true;
    this.now();
  }

  stop(): void {
    this.active = false;
    this.cancel();
  }

  /** Runs now, or right after the run under way. */
  now(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.cancel();
    this.running = this.task()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.running = null;
        if (!this.active) return;
        if (this.again) {
          this.again = false;
          this.now();
        } else {
          this.timer = this.timers.setTimeout(() => {
            this.timer = null;
            this.now();
          }, this.periodMs);
        }
      });
  }

  /** The run under way, if any (tests, shutdown). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private cancel(): void {
    if (this.timer) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
