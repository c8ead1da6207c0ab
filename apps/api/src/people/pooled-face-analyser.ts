import type { AnalysedFace, AnalyseOptions, FaceAnalyser, Frame } from '@argus/domain';
import { faceApiModelName, type DetectionPool } from '@argus/detection';
import type { WarmDetector } from '../streams/warm-detector';

/**
 * Recognition in the detection pool's workers (started with the pool on first use). The pool takes
 * the frame's pixels (transferred, not copied), so it is given a copy: the caller still cuts the face
 * crop from the frame afterwards.
 */
export class PooledFaceAnalyser implements FaceAnalyser {
  readonly model = faceApiModelName();

  constructor(private readonly detector: WarmDetector<DetectionPool>) {}

  async analyse(frame: Frame, options?: AnalyseOptions): Promise<AnalysedFace[]> {
    const pool = await this.detector.warm();
    return pool.analyse({ ...frame, data: frame.data.slice() }, options);
  }
}
