import type { FaceBox, Frame } from '@argus/domain';
import { letterbox, toFramePixels } from '../geometry/letterbox';
import { iou, type Region } from '../geometry/region';
import { toModelInput } from '../geometry/resample';
import { OnnxSsdFaceModel } from './ssd-model';

/** Side of the square crop around a candidate, in candidate box sides (the context SSD sees). */
export const VERIFY_CONTEXT = 4;
/** SSD input side per crop: a candidate fills 128 / 4 = 32 px of it, at home in SSD's finest layer. */
export const VERIFY_INPUT = 128;
/** SSD's box must overlap the candidate this much to count as the same face. */
export const VERIFY_MIN_IOU = 0.3;
/** Scores below this are not decoded (the fused score floors the verifier at 0.01 anyway). */
const VERIFY_MIN_SCORE = 0.01;

/** A second opinion on candidate boxes: one score in [0, 1] per candidate, in order. */
export interface FaceVerifier {
  verify(frame: Frame, candidates: readonly FaceBox[]): Promise<number[]>;
  dispose(): Promise<void>;
}

/** The square crop centred on a box, `context` box sides wide. */
export function contextSquare(box: Region, context = VERIFY_CONTEXT): Region {
  const side = Math.max(box.width, box.height) * context;
  return { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, width: side, height: side };
}

/** The best score among detections (frame pixels) that overlap the candidate enough; 0 when none does. */
export function bestOverlappingScore(candidate: Region, detections: readonly FaceBox[], minIou = VERIFY_MIN_IOU): number {
  let best = 0;
  for (const d of detections) if (d.score > best && iou(candidate, d) >= minIou) best = d.score;
  return best;
}

/**
 * Checks BlazeFace's candidates with face-api's SSD MobileNet-v1 (on ONNX Runtime): each candidate
 * is cropped with context (4× its size, so the face keeps its surroundings and SSD sees it at
 * 32 px), all crops of a frame go through SSD as one batch, and a candidate's score is the best
 * SSD face overlapping it. Only candidates pay: a frame with no candidate costs nothing.
 */
export class SsdFaceVerifier implements FaceVerifier {
  private constructor(private readonly model: OnnxSsdFaceModel) {}

  /** Loads the network and runs it once, so the first real candidate doesn't pay for ORT's first run. */
  static async load(): Promise<SsdFaceVerifier> {
    const model = await OnnxSsdFaceModel.load();
    await model.detect(new Float32Array(VERIFY_INPUT * VERIFY_INPUT * 3), VERIFY_INPUT, 1, 1);
    return new SsdFaceVerifier(model);
  }

  async verify(frame: Frame, candidates: readonly FaceBox[]): Promise<number[]> {
    if (candidates.length === 0) return [];
    const size = VERIFY_INPUT;
    const plane = size * size * 3;
    const input = new Float32Array(candidates.length * plane);
    const boxes = candidates.map((c, i) => {
      const lb = letterbox(contextSquare(c), size);
      toModelInput(frame, lb, input.subarray(i * plane, (i + 1) * plane));
      return lb;
    });
    const found = await this.model.detect(input, size, candidates.length, VERIFY_MIN_SCORE);
    return candidates.map((c, i) => bestOverlappingScore(c, found[i].map((d) => toFramePixels(d, boxes[i]))));
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
