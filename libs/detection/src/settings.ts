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
  /** Small-face pass: BlazeFace over overlapping tiles of half the frame's long side. */
  smallFaceTiles: boolean;
  /**
   * Second stage: BlazeFace's candidates (score ≥ candidateScore) are checked by SSD MobileNet-v1
   * on a crop around each, and a face's score is the fusion of both (minScore applies to it).
   */
  verify: boolean;
  /** BlazeFace score that makes a candidate for the second stage (with `verify`). */
  candidateScore: number;
  /** Boxes shorter or narrower than this (px) are dropped: too small to recognise or to trust. */
  minFaceSize: number;
  nms: NmsOptions;
  /** tfjs only: forced backend (default: tfjs-node when installed, else wasm). */
  tfjsBackend?: TfjsBackend;
}

/**
 * Threshold on the fused score, chosen on the development set (libs/detection/README.md,
 * "Evaluation"): 79.2 % recall, no false positive on the face-free images; 0.25 and 0.35 hold none
 * either (0.2 lets two in). Without `verify` the score is BlazeFace's alone: use 0.6 there.
 */
export const DEFAULT_MIN_SCORE = 0.3;

/** BlazeFace's own threshold without the second stage (the former default). */
export const BLAZEFACE_ONLY_MIN_SCORE = 0.6;

/**
 * The evaluation ignores faces under 24 px (BlazeFace draws their boxes ~0.85× as tall); the
 * small-face tiles bring 14 px boxes on textures that no evaluated figure would show.
 */
export const DEFAULT_MIN_FACE_SIZE = 20;

/** Candidates for the second stage: ~6 per development image, holding 85 % of its faces. */
export const DEFAULT_CANDIDATE_SCORE = 0.25;

/**
 * ONNX Runtime: the same full-range network and results as tfjs (identical evaluation rows), ~4×
 * faster per frame. Tiling: +7.6 points of recall at the same threshold, +6.4 at equal false positives.
 */
export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = {
  engine: 'onnx',
  variant: 'full-range',
  minScore: DEFAULT_MIN_SCORE,
  tiling: true,
  smallFaceTiles: true,
  verify: true,
  candidateScore: DEFAULT_CANDIDATE_SCORE,
  minFaceSize: DEFAULT_MIN_FACE_SIZE,
  nms: DEFAULT_NMS,
};

/** The values each setting accepts (the API's configuration parses its environment into these). */
export const DETECTION_ENGINES: readonly DetectionEngine[] = ['onnx', 'tfjs'];
export const BLAZEFACE_VARIANTS: readonly BlazeFaceVariant[] = ['full-range', 'short-range'];

/** Detection worker threads when none are configured: one per core but one (left for the event loop and ffmpeg), at least 1. */
export function defaultDetectionThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}
