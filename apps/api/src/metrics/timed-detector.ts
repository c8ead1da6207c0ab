import type { DetectionResult, DetectOptions, FaceDetector, Frame } from '@argus/domain';
import type { ArgusMetrics } from './argus-metrics';

/**
 * A FaceDetector that times each call for the latency histogram and counts failures, around the
 * real one (the warm pool). The domain's scheduler sees only the port, so it stays unaware of metrics.
 */
export class TimedDetector implements FaceDetector {
  constructor(
    private readonly inner: FaceDetector,
    private readonly metrics: ArgusMetrics,
  ) {}

  async detect(frame: Frame, options?: DetectOptions): Promise<DetectionResult> {
    const done = this.metrics.detectionSeconds.startTimer();
    this.metrics.detectionInFlight.inc();
    try {
      const result = await this.inner.detect(frame, options);
      done();
      return result;
    } catch (error) {
      this.metrics.detectionErrors.inc();
      throw error;
    } finally {
      this.metrics.detectionInFlight.dec();
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
