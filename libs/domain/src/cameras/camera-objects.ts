import { OBJECT_LABELS, isObjectLabel, type ObjectLabel } from '../detection/object-detector';
import { ValidationError } from '../shared/errors';

/** Validates the object labels a camera alerts on: known COCO names; a label named twice counts once. */
export function parseObjectLabels(value: unknown, field = 'labels'): ObjectLabel[] {
  if (!Array.isArray(value)) throw new ValidationError(`${field} must be an array of object labels`);
  if (value.length > OBJECT_LABELS.length) throw new ValidationError(`${field} must have at most ${OBJECT_LABELS.length} entries`);
  const problems: string[] = [];
  value.forEach((label, i) => {
    if (typeof label !== 'string') problems.push(`${field}[${i}] must be a string`);
    else if (!isObjectLabel(label)) problems.push(`${field}[${i}] "${label.slice(0, 40)}" is not a label the detector knows (GET /api/detection/labels lists them)`);
  });
  if (problems.length > 0) throw new ValidationError(problems.join('; '), problems);
  return [...new Set(value as ObjectLabel[])];
}

export function sameLabels(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((label, i) => label === y[i]);
}

export const MAX_WORKER_LABEL_LENGTH = 64;
const WORKER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A cluster placement label (`site-north`): letters, digits, `.`, `_`, `-`. null or "" clears it;
 * undefined means "not given".
 */
export function parseWorkerLabel(value: unknown, field = 'workerLabel'): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw new ValidationError(`${field} must be a string or null`);
  const label = value.trim();
  if (label.length > MAX_WORKER_LABEL_LENGTH || !WORKER_LABEL.test(label)) {
    throw new ValidationError(`${field} must be 1–${MAX_WORKER_LABEL_LENGTH} letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  return label;
}
