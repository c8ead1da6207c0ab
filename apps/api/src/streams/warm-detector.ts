import type { DetectionResult, DetectOptions, FaceDetector, Frame } from '@argus/domain';

/** Where the detector is in its life, for health and metrics. */
export type DetectorState = 'not started' | 'warming' | 'ready' | 'failed' | 'closed';

/**
 * A face detector started on first use (or warmed up ahead of time), so an API with no running
 * camera never loads the model, and the first frames wait for the pool instead of failing.
 */
export class WarmDetector<T extends FaceDetector = FaceDetector> implements FaceDetector {
  private starting: Promise<T> | null = null;
  private started: T | null = null;
  private closed = false;
  private failure: string | null = null;

  constructor(private readonly create: () => Promise<T>) {}

  warm(): Promise<T> {
    if (this.closed) return Promise.reject(new Error('detector closed'));
    if (!this.starting) {
      const starting = this.create();
      this.starting = starting;
      this.failure = null;
      starting.then(
        (detector) => {
          this.started = detector;
        },
        (error: unknown) => {
          this.starting = null; // a failed start is retried by the next frame
          this.failure = error instanceof Error ? error.message : String(error);
        },
      );
    }
    return this.starting;
  }

  get ready(): boolean {
    return this.starting !== null;
  }

  get state(): DetectorState {
    if (this.closed) return 'closed';
    if (this.started) return 'ready';
    if (this.starting) return 'warming';
    return this.failure ? 'failed' : 'not started';
  }

  /** Why the last start failed (shown by health until a start succeeds). */
  get lastError(): string | null {
    return this.failure;
  }

  /** The started detector, or null while not (yet) started. */
  get current(): T | null {
    return this.started;
  }

  async detect(frame: Frame, options?: DetectOptions): Promise<DetectionResult> {
    return (await this.warm()).detect(frame, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    const detector = await this.starting?.catch(() => null);
    await detector?.close();
  }
}
