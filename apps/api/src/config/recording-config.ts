import { resolve } from 'node:path';
import { intInRange, numberInRange, type Env } from './env-values';

/** RECORDINGS_DIR, RETAIN_CONTINUOUS_DAYS, RETAIN_EVENTS_DAYS, RECORDINGS_MAX_GB. */
export interface RecordingSettings {
  /** Continuous segments (and the spool of clips being recorded); default `DATA_DIR/recordings`. */
  dir: string;
  retainContinuousDays: number;
  retainEventsDays: number;
  /** RECORDINGS_MAX_GB in bytes (GB = 1024³ bytes); null: keep 10 % of the disk free instead. */
  maxBytes: number | null;
}

export function recordingSettingsFromEnv(env: Env, dataDir: string): RecordingSettings {
  const maxGb = numberInRange(env, 'RECORDINGS_MAX_GB', null, 0.001, 1_000_000);
  return {
    dir: resolve(env['RECORDINGS_DIR'] || resolve(dataDir, 'recordings')),
    retainContinuousDays: intInRange(env, 'RETAIN_CONTINUOUS_DAYS', 3, 1, 3650),
    retainEventsDays: intInRange(env, 'RETAIN_EVENTS_DAYS', 30, 1, 3650),
    maxBytes: maxGb === null ? null : Math.round(maxGb * 1024 ** 3),
  };
}
