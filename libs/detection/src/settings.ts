import { availableParallelism } from 'node:os';
import { DEFAULT_NMS, type NmsOptions } from './geometry/nms';
import type { BlazeFaceVariant } from './model/model-assets';
import type { TfjsBackend } from './model/tfjs-backend';

export type DetectionEngine = 'onnx' | 'tfjs';

/** Everything that decides what a detector finds; the pool, the CLI and the eval share it. */
export interface DetectorSettings {
  engine: DetectionEngine;
  variant: BlazeFaceVariant;
  /** Score threshold; a frame's DetectOptions.minScore overrides it. */
  minScore: number;
  /** Second pass over square tiles of wide frames. */
  tiling: boolean;
  nms: NmsOptions;
  /** tfjs only: forced backend (default: tfjs-node when installed, else wasm). */
  tfjsBackend?: TfjsBackend;
}

/**
 * Chosen on the development set (libs/detection/README.md, "Evaluation"): with tiling, 0.6 keeps
 * precision at 97 % and 0.09 false positives per face-free image; 0.55 buys 1.5 points of recall for
 * 0.06 more false positives per image, 0.65 loses 4.3 points for none fewer.
 */
export const DEFAULT_MIN_SCORE = 0.6;

/**
 * ONNX Runtime: the same full-range network and results as tfjs (identical evaluation rows), ~4×
 * faster per frame. Tiling: +7.6 points of recall at the same threshold, +6.4 at equal false positives.
 */
export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  engine: 'onnx',
  variant: 'full-range',
  minScore: DEFAULT_MIN_SCORE,
  tiling: true,
  nms: DEFAULT_NMS,
};

/** The values each setting accepts (the API's configuration parses its environment into these). */
export const DETECTION_ENGINES: readonly DetectionEngine[] = ['onnx', 'tfjs'];
export const BLAZEFACE_VARIANTS: readonly BlazeFaceVariant[] = ['full-range', 'short-range'];

/** Detection worker threads when none are configured: one per core but one (left for the event loop and ffmpeg), at least 1. */
export function defaultDetectionThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}
