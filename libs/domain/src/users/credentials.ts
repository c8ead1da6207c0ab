import { ValidationError } from '../shared/errors';
import { isRole, type Role } from './user';

const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;

export function parseUsername(value: unknown): string {
  if (typeof value !== 'string' || !USERNAME.test(value)) {
    throw new ValidationError('username must be 3–64 characters: letters, digits, . _ @ -');
  }
  return value;
}

export function parsePassword(value: unknown): string {
  if (typeof value !== 'string' || value.length < MIN_PASSWORD_LENGTH || value.length > MAX_PASSWORD_LENGTH) {
    throw new ValidationError(`password must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters`);
  }
  return value;
}

export function parseRole(value: unknown): Role {
  if (!isRole(value)) {
    throw new ValidationError('role must be one of admin, operator, viewer');
  }
  return value;
}
