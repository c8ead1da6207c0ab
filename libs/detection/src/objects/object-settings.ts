import type { TfjsBackend } from '../model/tfjs-backend';

/** Runtime of the object model: the converted graph on ONNX Runtime (default, ~4× faster) or tfjs. */
export type ObjectEngine = 'onnx' | 'tfjs';
export const OBJECT_ENGINES: readonly ObjectEngine[] = ['onnx', 'tfjs'];

/** Everything that decides what the object detector finds; the pool, the CLI and the eval share it. */
export interface ObjectDetectorSettings {
  engine: ObjectEngine;
  /** Longer side of the model input, px (a multiple of 32); the shorter side follows the frame's aspect ratio. */
  inputSize: number;
  /** Score threshold; a call's ObjectDetectOptions.minScore overrides it. */
  minScore: number;
  /** Class-wise NMS: a box overlapping a better box of the same label by more than this IoU is dropped. */
  iouThreshold: number;
  /** Most objects returned per frame. */
  maxObjects: number;
  /** tfjs only: forced backend (default: tfjs-node when installed, else wasm). */
  tfjsBackend?: TfjsBackend;
}

/**
 * Chosen on the development set (`npm run eval:objects`, input 512): 0.35 keeps 82.6 % precision
 * with 0.39 false positives per image (person: 90.9 %); 0.3 buys 6 points of recall for 2.3× the
 * false positives (0.91 per image), 0.4 cuts them to 0.14 for 5 points less recall.
 */
export const DEFAULT_OBJECT_MIN_SCORE = 0.35;

/**
 * Input 512 (the size CenterNet was trained at) has the best person AP50 of 416–640 on the
 * development set (0.796; 0.754 at 480, 0.736 at 448) at a mean AP50 within 0.02 of the best.
 */
export const DEFAULT_OBJECT_SETTINGS: ObjectDetectorSettings = {
  engine: 'onnx',
  inputSize: 512,
  minScore: DEFAULT_OBJECT_MIN_SCORE,
  iouThreshold: 0.6,
  maxObjects: 100,
};
