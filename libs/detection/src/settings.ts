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
  /** tfjs only: forced backend (default: TFJS_BACKEND, else tfjs-node when installed, else wasm). */
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

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${name}=${value} is not one of ${allowed.join(', ')}`);
}

function unitInterval(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new Error(`${name}=${value} must be a number in [0, 1]`);
  return n;
}

/** DETECTION_ENGINE, DETECTION_MODEL, DETECTION_MIN_SCORE, DETECTION_TILING, TFJS_BACKEND. */
export function detectorSettingsFromEnv(env: Env = process.env): DetectorSettings {
  const d = DEFAULT_DETECTOR_SETTINGS;
  return {
    ...d,
    engine: oneOf('DETECTION_ENGINE', env['DETECTION_ENGINE'], ['onnx', 'tfjs'] as const, d.engine),
    variant: oneOf('DETECTION_MODEL', env['DETECTION_MODEL'], ['full-range', 'short-range'] as const, d.variant),
    minScore: unitInterval('DETECTION_MIN_SCORE', env['DETECTION_MIN_SCORE'], d.minScore),
    tiling: oneOf('DETECTION_TILING', env['DETECTION_TILING'], ['on', 'off'] as const, d.tiling ? 'on' : 'off') === 'on',
    tfjsBackend: env['TFJS_BACKEND'] ? oneOf('TFJS_BACKEND', env['TFJS_BACKEND'], ['tensorflow', 'wasm', 'cpu'] as const, 'wasm') : undefined,
  };
}

/** DETECTION_THREADS, default one thread per core but one (left for the event loop and ffmpeg), at least 1. */
export function detectionThreadsFromEnv(env: Env = process.env, cores = availableParallelism()): number {
  const raw = env['DETECTION_THREADS'];
  if (raw === undefined || raw === '') return Math.max(1, cores - 1);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`DETECTION_THREADS=${raw} must be a whole number ≥ 1`);
  return n;
}
