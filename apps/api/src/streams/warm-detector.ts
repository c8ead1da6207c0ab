import type { DetectionResult, DetectOptions, FaceDetector, Frame } from '@argus/domain';

/**
 * A face detector started on first use (or warmed up ahead of time), so an API with no running
 * camera never loads the model, and the first frames wait for the pool instead of failing.
 */
export class WarmDetector implements FaceDetector {
  private starting: Promise<FaceDetector> | null = null;
  private closed = false;

  constructor(private readonly create: () => Promise<FaceDetector>) {}

  warm(): Promise<FaceDetector> {
    if (this.closed) return Promise.reject(new Error('detector closed'));
    if (!this.starting) {
      this.starting = this.create();
      this.starting.catch(() => {
        this.starting = null; // a failed start is retried by the next frame
      });
    }
    return this.starting;
  }

  get ready(): boolean {
    return this.starting !== null;
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
