import { Logger } from '@nestjs/common';
import type { Recorder, RecordingRetention } from '@argus/domain';

/**
 * Runs retention every minute (and at once when a write found the disk full), one pass at a time,
 * and stops or resumes recording on what it reports. The last pass is kept for health.
 */
export class RetentionRunner {
  private readonly logger = new Logger('Recordings');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  lastRun: { at: Date; full: string | null; error?: string } | null = null;

  constructor(
    private readonly retention: RecordingRetention,
    private readonly recorder: Recorder,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.runSoon();
    this.timer = setInterval(() => this.runSoon(), this.intervalMs);
    this.timer.unref();
  }

  /** A pass now, or right after the one under way. */
  runSoon(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.runSoon();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      const result = await this.retention.run();
      if (result.segmentsDeleted + result.clipsDeleted > 0) {
        this.logger.log(`retention: ${result.segmentsDeleted} segment(s) and ${result.clipsDeleted} clip(s) deleted, ${(result.bytesFreed / 1024 ** 2).toFixed(1)} MB freed`);
      }
      if (result.full !== this.recorder.blockedReason) {
        if (result.full) this.logger.warn(result.full);
        else this.logger.log('recording resumed: there is room on the disk again');
      }
      this.recorder.block(result.full);
      this.lastRun = { at: new Date(), full: result.full };
    } catch (error) {
      this.logger.warn(`retention failed: ${String(error)}`);
      this.lastRun = { at: new Date(), full: this.recorder.blockedReason, error: String(error) };
    }
  }
}
