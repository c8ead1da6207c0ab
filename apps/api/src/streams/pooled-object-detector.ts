import type { Frame, ObjectDetectionResult, ObjectDetectOptions, ObjectDetector } from '@argus/domain';
import type { DetectionPool } from '@argus/detection';
import type { ArgusMetrics } from '../metrics/argus-metrics';
import type { WarmDetector } from './warm-detector';

/**
 * Object detection in the detection pool's workers (the pool starts on first use, as for faces),
 * timed for the object latency histogram. The scheduler hands it frames whose pixels it may take.
 */
export class PooledObjectDetector implements ObjectDetector {
  constructor(
    private readonly detector: WarmDetector<DetectionPool>,
    private readonly metrics: ArgusMetrics,
  ) {}

  async detectObjects(frame: Frame, options?: ObjectDetectOptions): Promise<ObjectDetectionResult> {
    const done = this.metrics.objectDetectionSeconds.startTimer();
    try {
      const result = await (await this.detector.warm()).detectObjects(frame, options);
      done();
      return result;
    } catch (error) {
      this.metrics.detectionErrors.inc();
      throw error;
    }
  }
}
