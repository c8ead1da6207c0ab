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

export const DEFAULT_OBJECT_MIN_SCORE = 0.3;

export const DEFAULT_OBJECT_SETTINGS: ObjectDetectorSettings = {
  engine: 'onnx',
  inputSize: 512,
  minScore: DEFAULT_OBJECT_MIN_SCORE,
  iouThreshold: 0.6,
  maxObjects: 100,
};
