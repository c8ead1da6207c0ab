import { ValidationError } from '../shared/errors';
import { MAX_URL_LENGTH } from '../shared/limits';
import type { AlertMeta } from './alert';

const MAX_META_KEYS = 50;
const MAX_META_BYTES = 8 * 1024;
const MAX_DEPTH = 4;
/** Longest timestamp string the API takes (`timestamp`, `from`, `to`): ISO 8601 with a zone fits well within it. */
export const MAX_TIMESTAMP_LENGTH = 40;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** `Date` rolls 2025-02-30 over into March; such a date is a typo, not a time. */
function isCalendarDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

/** A time without a zone is read as UTC, so the answer does not depend on the server's time zone. */
function asUtcWhenUnzoned(value: string): string {
  if (!/[T ]/.test(value)) return value; // date-only forms are already UTC
  return /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
}

/** Accepts ISO 8601 strings and epoch milliseconds (numbers or digit strings). */
export function parseTimestamp(field: string, value: unknown): Date {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value);
  else if (typeof value === 'string' && /^\d{1,15}$/.test(value)) date = new Date(Number(value));
  else if (typeof value === 'string' && ISO_DATE.test(value) && isCalendarDate(value)) date = new Date(asUtcWhenUnzoned(value));
  if (!date || Number.isNaN(date.getTime())) {
    throw new ValidationError(`${field} must be an ISO 8601 date or epoch milliseconds`);
  }
  return date;
}

/**
 * Free-form metadata from an external worker: plain JSON only, bounded in size, and no key that
 * a document store would read as an operator or a path (`$…`, dotted keys).
 */
export function parseAlertMeta(value: unknown): AlertMeta {
  if (value === undefined || value === null) return { score: null, frameWidth: null, frameHeight: null, faces: 1 };
  if (!isPlainObject(value)) throw new ValidationError('meta must be an object');
  if (Object.keys(value).length > MAX_META_KEYS || JSON.stringify(value).length > MAX_META_BYTES) {
    throw new ValidationError(`meta must have at most ${MAX_META_KEYS} keys and ${MAX_META_BYTES} bytes`);
  }
  checkKeys(value, 0);
  const meta = value as Record<string, unknown>;
  return {
    ...meta,
    score: optionalNumber('meta.score', meta['score'], 0, 1),
    frameWidth: optionalNumber('meta.frameWidth', meta['frameWidth'], 1, 100_000),
    frameHeight: optionalNumber('meta.frameHeight', meta['frameHeight'], 1, 100_000),
    faces: optionalInteger('meta.faces', meta['faces'], 0, 10_000) ?? 1,
  };
}

/** A snapshot link from an external worker: http(s) only, so a console never loads other schemes. */
export function parseSnapshotUrl(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !/^https?:\/\/[^\s]+$/i.test(value)) {
    throw new ValidationError('snapshotUrl must be an http(s) URL');
  }
  try {
    new URL(value);
  } catch {
    throw new ValidationError('snapshotUrl must be an http(s) URL');
  }
  return value;
}

function optionalInteger(field: string, value: unknown, min: number, max: number): number | null {
  const n = optionalNumber(field, value, min, max);
  if (n !== null && !Number.isInteger(n)) throw new ValidationError(`${field} must be an integer from ${min} to ${max}`);
  return n;
}

function optionalNumber(field: string, value: unknown, min: number, max: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be a number from ${min} to ${max}`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new ValidationError(`meta must be nested at most ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    value.forEach((item) => checkKeys(item, depth + 1));
  } else if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('.') || key === '__proto__') {
        throw new ValidationError(`meta key "${key.slice(0, 40)}" is not allowed`);
      }
      checkKeys(inner, depth + 1);
    }
  }
}
