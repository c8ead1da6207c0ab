import { cpus } from 'node:os';
import {
  BLAZEFACE_VARIANTS,
  DEFAULT_DETECTOR_SETTINGS,
  DETECTION_ENGINES,
  TFJS_BACKENDS,
  defaultDetectionThreads,
  type DetectorSettings,
} from '@argus/detection';
import { intInRange, type Env } from './env-values';

// The detector's variables word their errors as `NAME=value …`, as they always have.
function listed<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${name}=${value} is not one of ${allowed.join(', ')}`);
}

function unitInterval(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new Error(`${name}=${value} must be a number in [0, 1]`);
  return n;
}

/**
 * DETECTION_ENGINE, DETECTION_MODEL, DETECTION_MIN_SCORE, DETECTION_TILING, TFJS_BACKEND: the
 * detector of the server, the `detect` CLI, the evaluation and the benchmarks.
 */
export function detectorSettingsFromEnv(env: Env = process.env): DetectorSettings {
  const d = DEFAULT_DETECTOR_SETTINGS;
  const tfjsBackend = env['TFJS_BACKEND'];
  return {
    ...d,
    engine: listed(env, 'DETECTION_ENGINE', DETECTION_ENGINES, d.engine),
    variant: listed(env, 'DETECTION_MODEL', BLAZEFACE_VARIANTS, d.variant),
    minScore: unitInterval(env, 'DETECTION_MIN_SCORE', d.minScore),
    tiling: listed(env, 'DETECTION_TILING', ['on', 'off'] as const, d.tiling ? 'on' : 'off') === 'on',
    tfjsBackend: tfjsBackend ? listed(env, 'TFJS_BACKEND', TFJS_BACKENDS, 'wasm') : undefined,
  };
}

/** DETECTION_THREADS: 1 to 64, default one per core but one (at least 1). */
export function detectionThreadsFromEnv(env: Env = process.env, cores = cpus().length): number {
  return intInRange(env, 'DETECTION_THREADS', defaultDetectionThreads(cores), 1, 64);
}
