import type { Alert } from '../alerts/alert';
import { ValidationError } from '../shared/errors';
import { MAX_ID_LENGTH } from '../shared/limits';

export const ALERT_KINDS = ['face', 'object'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Most ids one filter list may name. */
export const MAX_FILTER_IDS = 100;

/**
 * Which alerts a webhook or a browser subscription receives. Empty lists mean "any". With both
 * `personIds` and `unknownOnly`, an alert passes when it names one of those people or is a stranger.
 */
export interface NotificationFilters {
  cameraIds: string[];
  personIds: string[];
  unknownOnly: boolean;
  kinds: AlertKind[];
}

export interface NotificationFiltersInput {
  cameraIds?: unknown;
  personIds?: unknown;
  unknownOnly?: unknown;
  kinds?: unknown;
}

export const NO_FILTERS: NotificationFilters = { cameraIds: [], personIds: [], unknownOnly: false, kinds: [] };

/** The kind of an alert; alerts from before object detection are faces. */
export function alertKind(alert: Pick<Alert, 'meta'> & { kind?: unknown }): AlertKind {
  return alert.kind === 'object' ? 'object' : 'face';
}

export function passesFilters(filters: NotificationFilters, alert: Alert & { kind?: unknown }): boolean {
  if (filters.cameraIds.length > 0 && !filters.cameraIds.includes(alert.cameraId)) return false;
  if (filters.kinds.length > 0 && !filters.kinds.includes(alertKind(alert))) return false;
  const wantsPeople = filters.personIds.length > 0;
  if (!wantsPeople && !filters.unknownOnly) return true;
  const person = alert.person;
  if (wantsPeople && person && filters.personIds.includes(person.id)) return true;
  return filters.unknownOnly && person === null;
}

/** Shape checks only; whether the ids exist is the use case's business. */
export function parseFilters(input: NotificationFiltersInput): NotificationFilters {
  return {
    cameraIds: idList('cameraIds', input.cameraIds),
    personIds: idList('personIds', input.personIds),
    unknownOnly: optionalBoolean('unknownOnly', input.unknownOnly),
    kinds: kindList(input.kinds),
  };
}

function idList(field: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError(`${field} must be an array of ids`);
  if (value.length > MAX_FILTER_IDS) throw new ValidationError(`${field} may name at most ${MAX_FILTER_IDS} ids`);
  for (const id of value) {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
      throw new ValidationError(`${field} must hold id strings of 1 to ${MAX_ID_LENGTH} characters`);
    }
  }
  return [...new Set(value as string[])];
}

function optionalBoolean(field: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new ValidationError(`${field} must be a boolean`);
  return value;
}

function kindList(value: unknown): AlertKind[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((k) => !(ALERT_KINDS as readonly unknown[]).includes(k))) {
    throw new ValidationError(`kinds must be an array of ${ALERT_KINDS.join(', ')}`);
  }
  return [...new Set(value as AlertKind[])];
}
