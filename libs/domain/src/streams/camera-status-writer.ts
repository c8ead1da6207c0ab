import type { Camera, CameraStatus } from '../cameras/camera';
import type { CameraRuntimeDeps } from './camera-runtime-deps';
import type { TimerHandle } from './timers';

export type CameraStatusWriterDeps = Pick<CameraRuntimeDeps, 'status' | 'timers' | 'log'>;

/**
 * Stores and publishes the status changes of one camera session, in the order they happen (a slow
 * 'starting' must never land after 'running'). It exists because the database may be unreachable
 * while a camera runs: viewers still get each change at once (from the session's copy of the
 * camera) and the newest change is tried again every `retryMs` until it is stored, a newer status
 * replaces it or the session ends. A failed final status is not retried: a new session for the
 * camera may be writing by then.
 */
export class CameraStatusWriter {
  /** Status writes in order. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Number of the newest status change; an older one is never retried over it. */
  private seq = 0;
  private retry: TimerHandle | null = null;
  /** Statuses stay as they were (shutdown), so the camera resumes on the next start. */
  private keep = false;
  /** No status is retried any more. */
  private ended = false;

  /** `camera`: the session's current copy of the camera, read when a write is made. */
  constructor(
    private readonly camera: () => Camera,
    private readonly deps: CameraStatusWriterDeps,
    private readonly retryMs: number,
  ) {}

  /** True once the session ends keeping statuses: new changes are ignored. */
  get keepsStatus(): boolean {
    return this.keep;
  }

  write(status: CameraStatus, error?: string): void {
    if (this.keep) return;
    this.store(++this.seq, status, error);
  }

  /** Resolves once every status change so far is stored and published (or failed). */
  settled(): Promise<unknown> {
    return this.writes;
  }

  /**
   * Ends the writer. `last` runs first and may still write a final status (ignored when
   * `keepStatus`); nothing is retried afterwards.
   */
  end(keepStatus: boolean, last: () => void): void {
    this.keep = keepStatus;
    last();
    this.ended = true;
    this.cancelRetry();
  }

  private store(seq: number, status: CameraStatus, error?: string): void {
    this.cancelRetry();
    this.writes = this.writes
      .then(() => {
        const camera = this.camera();
        return this.deps.status.setStatus(camera.id, status, error, camera);
      })
      .catch((e: unknown) => {
        const retry = !this.ended && seq === this.seq;
        this.deps.log.warn(`camera ${this.camera().id}: status update failed${retry ? ', will retry' : ''}: ${String(e)}`);
        if (!retry) return;
        this.retry = this.deps.timers.setTimeout(() => {
          this.retry = null;
          if (!this.ended && seq === this.seq) this.store(seq, status, error);
        }, this.retryMs);
      });
  }

  private cancelRetry(): void {
    if (this.retry) this.deps.timers.clearTimeout(this.retry);
    this.retry = null;
  }
}
