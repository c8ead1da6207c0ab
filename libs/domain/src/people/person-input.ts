import { ValidationError } from '../shared/errors';
import { MAX_ID_LENGTH } from '../shared/limits';

export const MAX_PERSON_NAME_LENGTH = 100;
/** Longest `q` a person search takes. */
export const MAX_PERSON_QUERY_LENGTH = MAX_PERSON_NAME_LENGTH;

export interface PersonInput {
  name?: unknown;
  alert?: unknown;
}

export function parsePersonName(value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError('name must be a string');
  const name = value.trim();
  if (name.length < 1 || name.length > MAX_PERSON_NAME_LENGTH) {
    throw new ValidationError(`name must be 1–${MAX_PERSON_NAME_LENGTH} characters`);
  }
  return name;
}

export function parsePersonAlert(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError('alert must be a boolean');
  return value;
}

/** A new person: a name, and `alert` (default false: trusted). */
export function parseNewPerson(input: PersonInput): { name: string; alert: boolean } {
  const problems: string[] = [];
  let name = '';
  let alert = false;
  try {
    name = parsePersonName(input.name);
  } catch (err) {
    problems.push((err as Error).message);
  }
  try {
    if (input.alert !== undefined) alert = parsePersonAlert(input.alert);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length > 0) throw new ValidationError(problems.join('; '), problems);
  return { name, alert };
}

export function parsePersonPatch(input: PersonInput): { name?: string; alert?: boolean } {
  const patch: { name?: string; alert?: boolean } = {};
  if (input.name !== undefined) patch.name = parsePersonName(input.name);
  if (input.alert !== undefined) patch.alert = parsePersonAlert(input.alert);
  return patch;
}

/** An id from a path or body, before it reaches a repository query (never an object such as `{ "$gt": "" }`). */
export function parseId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_ID_LENGTH) {
    throw new ValidationError(`${field} must be an id string`);
  }
  return value;
}
