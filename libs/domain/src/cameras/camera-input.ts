import type { ObjectLabel } from '../detection/object-detector';
import { ValidationError } from '../shared/errors';
import { parseZones, type CameraZone } from '../zones/zone';
import { parseObjectLabels, parseWorkerLabel } from './camera-objects';
import { parseRecording, type CameraRecording } from './camera-recording';
import { parseFps } from './fps';
import { RtspUrl } from './rtsp-url';

export const MAX_CAMERA_NAME_LENGTH = 100;
export const MAX_CAMERA_LOCATION_LENGTH = 200;

export interface CameraInput {
  name: unknown;
  location: unknown;
  rtspUrl: unknown;
  enabled?: unknown;
  detectionEnabled?: unknown;
  fps?: unknown;
  zones?: unknown;
  objects?: unknown;
  recording?: unknown;
  detectRtspUrl?: unknown;
  workerLabel?: unknown;
}

export interface ValidCameraInput {
  name: string;
  location: string;
  rtspUrl: RtspUrl;
  enabled?: boolean;
  detectionEnabled?: boolean;
  fps?: number;
  zones?: CameraZone[];
  objects?: ObjectLabel[];
  recording?: CameraRecording;
  /** undefined: not given (PUT keeps the stored one); null: none. */
  detectRtspUrl?: RtspUrl | null;
  workerLabel?: string | null;
}

/** Validates a camera body, collecting every problem so the caller can fix them in one go. */
export function parseCameraInput(input: CameraInput): ValidCameraInput {
  const problems: string[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ValidationError) problems.push(...(err.details ?? [err.message]));
      else throw err;
      return undefined;
    }
  };
  const name = attempt(() => parseText('name', input.name, 1, MAX_CAMERA_NAME_LENGTH));
  const location = attempt(() => parseText('location', input.location, 0, MAX_CAMERA_LOCATION_LENGTH));
  const rtspUrl = attempt(() => RtspUrl.parse(input.rtspUrl));
  const enabled = attempt(() => parseOptionalBoolean('enabled', input.enabled));
  const detectionEnabled = attempt(() => parseOptionalBoolean('detectionEnabled', input.detectionEnabled));
  const fps = input.fps === undefined ? undefined : attempt(() => parseFps(input.fps));
  const zones = input.zones === undefined ? undefined : attempt(() => parseZones(input.zones));
  const objects = input.objects === undefined ? undefined : attempt(() => parseObjectLabels(input.objects, 'objects'));
  const recording = input.recording === undefined ? undefined : attempt(() => parseRecording(input.recording));
  const detectRtspUrl = attempt(() => parseOptionalRtspUrl('detectRtspUrl', input.detectRtspUrl));
  const workerLabel = attempt(() => parseWorkerLabel(input.workerLabel));
  if (problems.length > 0) {
    throw new ValidationError(problems.join('; '), problems);
  }
  return {
    name: name as string,
    location: location as string,
    rtspUrl: rtspUrl as RtspUrl,
    enabled,
    detectionEnabled,
    fps,
    zones,
    objects,
    recording,
    detectRtspUrl,
    workerLabel,
  };
}

function parseText(field: string, value: unknown, min: number, max: number): string {
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string`);
  const text = value.trim();
  if (text.length < min || text.length > max) {
    throw new ValidationError(min > 0 ? `${field} must be ${min}–${max} characters` : `${field} must be at most ${max} characters`);
  }
  return text;
}

/** undefined: not given; null or "": none; else an rtsp(s) URL with the same rules as `rtspUrl`. */
function parseOptionalRtspUrl(field: string, value: unknown): RtspUrl | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  try {
    return RtspUrl.parse(value);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(err.message.replace(/^rtspUrl/, field));
    throw err;
  }
}

export function parseOptionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ValidationError(`${field} must be a boolean`);
  return value;
}

/**
 * Answers carry the URL with its password masked; a console that sends that masked URL back
 * unchanged means "keep the stored password", not "set the password to ***".
 */
export function keepStoredPassword(incoming: RtspUrl, stored: string): string {
  const next = incoming.toString();
  if (!next.includes(':***@')) return next;
  return incoming.masked() === RtspUrl.parse(stored).masked() ? stored : next;
}
