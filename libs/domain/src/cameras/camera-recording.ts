import { ValidationError } from '../shared/errors';

/**
 * What a camera records: `off`, `events` (a clip around each alert, from `preSeconds` before it to
 * `postSeconds` after the event ends) or `continuous` (short segments all the time, and the clips).
 */
export const RECORDING_MODES = ['off', 'events', 'continuous'] as const;
export type RecordingMode = (typeof RECORDING_MODES)[number];

export interface CameraRecording {
  mode: RecordingMode;
  preSeconds: number;
  postSeconds: number;
}

export const DEFAULT_RECORDING: Readonly<CameraRecording> = Object.freeze({ mode: 'events', preSeconds: 5, postSeconds: 10 });
export const MAX_PRE_SECONDS = 60;
export const MAX_POST_SECONDS = 300;

/**
 * Validates `{ mode, preSeconds?, postSeconds? }`; seconds left out keep `current`'s. Collects every
 * problem so the caller can fix them in one go; `field` prefixes the names in messages ('' for a body).
 */
export function parseRecording(value: unknown, current: CameraRecording = DEFAULT_RECORDING, field = 'recording'): CameraRecording {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${field || 'body'} must be an object { mode, preSeconds?, postSeconds? }`);
  }
  const raw = value as Record<string, unknown>;
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const problems: string[] = [];
  const unknown = Object.keys(raw).filter((key) => !['mode', 'preSeconds', 'postSeconds'].includes(key));
  if (unknown.length > 0) problems.push(`${field || 'body'} has unknown fields: ${unknown.join(', ')}`);
  if (!(RECORDING_MODES as readonly unknown[]).includes(raw['mode'])) {
    problems.push(`${at('mode')} must be one of ${RECORDING_MODES.map((m) => `"${m}"`).join(', ')}`);
  }
  const pre = seconds(at('preSeconds'), raw['preSeconds'], MAX_PRE_SECONDS, current.preSeconds, problems);
  const post = seconds(at('postSeconds'), raw['postSeconds'], MAX_POST_SECONDS, current.postSeconds, problems);
  if (problems.length > 0) throw new ValidationError(problems.join('; '), problems);
  return { mode: raw['mode'] as RecordingMode, preSeconds: pre, postSeconds: post };
}

function seconds(field: string, value: unknown, max: number, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    problems.push(`${field} must be a whole number of seconds from 0 to ${max}`);
    return fallback;
  }
  return value;
}

export function copyRecording(recording: CameraRecording | undefined): CameraRecording {
  const source = recording ?? DEFAULT_RECORDING;
  return { mode: source.mode, preSeconds: source.preSeconds, postSeconds: source.postSeconds };
}

export function sameRecording(a: CameraRecording | undefined, b: CameraRecording | undefined): boolean {
  const x = copyRecording(a);
  const y = copyRecording(b);
  return x.mode === y.mode && x.preSeconds === y.preSeconds && x.postSeconds === y.postSeconds;
}
