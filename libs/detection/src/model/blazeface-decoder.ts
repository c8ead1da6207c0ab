import type { FaceBox } from '@argus/domain';

/** Raw BlazeFace head outputs for one image: one logit and 16 regressors per anchor. */
export interface RawDetections {
  /** Classifier logits, one per anchor (896). */
  logits: Float32Array;
  /** Regressors per anchor: box centre dx, dy, w, h, then 6 key points (x, y), in input pixels. */
  regressors: Float32Array;
}

export const REGRESSORS_PER_ANCHOR = 16;

/**
 * Anchor centres of the BlazeFace SSD heads, in input pixels. Both models have a fine head
 * (stride size/16, 2 anchors per cell) and a coarse head (stride size/8,
 * 6 anchors per cell): 512 + 384 = 896 anchors for the 128 and the 256 input alike.
 */
export function blazeFaceAnchors(inputSize: number): Float32Array {
  const heads = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  const centres: number[] = [];
  for (const { stride, perCell } of heads) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) centres.push(stride * (gx + 0.5), stride * (gy + 0.5));
      }
    }
  }
  return Float32Array.from(centres);
}

function sigmoid(logit: number): number {
  // MediaPipe clips the logits to ±100 before the sigmoid; keep the same behaviour.
  const clipped = Math.min(Math.max(logit, -100), 100);
  return 1 / (1 + Math.exp(-clipped));
}

/** BlazeFace's six key points, in this order, each (x, y): the eyes, nose tip, mouth, ear tragions. */
export const KEYPOINT_COUNT = 6;
export const Keypoint = { RightEye: 0, LeftEye: 1, Nose: 2, Mouth: 3, RightEar: 4, LeftEar: 5 } as const;

/** A detection with its key points: 12 numbers, (x, y) per point, in the same pixels as the box. */
export interface KeypointFace extends FaceBox {
  keypoints: number[];
}

/**
 * Turns raw outputs into scored boxes (model-input pixels), keeping scores ≥ minScore. With
 * `withKeypoints`, each box also carries its six key points (the boxes and scores are the same).
 */
export function decodeDetections(raw: RawDetections, anchors: Float32Array, minScore: number): FaceBox[];
export function decodeDetections(raw: RawDetections, anchors: Float32Array, minScore: number, withKeypoints: true): KeypointFace[];
export function decodeDetections(raw: RawDetections, anchors: Float32Array, minScore: number, withKeypoints = false): FaceBox[] {
  const count = anchors.length / 2;
  if (raw.logits.length !== count || raw.regressors.length !== count * REGRESSORS_PER_ANCHOR) {
    throw new RangeError(`BlazeFace output has ${raw.logits.length} anchors, expected ${count}`);
  }
  const boxes: FaceBox[] = [];
  for (let i = 0; i < count; i++) {
    const score = sigmoid(raw.logits[i]);
    if (score < minScore) continue;
    const r = i * REGRESSORS_PER_ANCHOR;
    const cx = anchors[i * 2] + raw.regressors[r];
    const cy = anchors[i * 2 + 1] + raw.regressors[r + 1];
    const width = raw.regressors[r + 2];
    const height = raw.regressors[r + 3];
    if (width <= 0 || height <= 0) continue;
    const box: FaceBox = { x: cx - width / 2, y: cy - height / 2, width, height, score };
    if (withKeypoints) {
      const keypoints: number[] = [];
      for (let k = 0; k < KEYPOINT_COUNT; k++) {
        keypoints.push(anchors[i * 2] + raw.regressors[r + 4 + 2 * k], anchors[i * 2 + 1] + raw.regressors[r + 5 + 2 * k]);
      }
      (box as KeypointFace).keypoints = keypoints;
    }
    boxes.push(box);
  }
  return boxes;
}
