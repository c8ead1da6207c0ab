import { ValidationError } from '../shared/errors';
import { isRole, type Role } from './user';

export const MIN_USERNAME_LENGTH = 3;
export const MAX_USERNAME_LENGTH = 64;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
/**
 * What a sign-in or a password change may send: longer than any valid username or password (older
 * accounts may predate today's rules), short enough that hashing it costs nothing unusual.
 */
export const MAX_LOGIN_USERNAME_LENGTH = 256;
export const MAX_LOGIN_PASSWORD_LENGTH = 1024;

const USERNAME = new RegExp(`^[A-Za-z0-9._@-]{${MIN_USERNAME_LENGTH},${MAX_USERNAME_LENGTH}}$`);

export function parseUsername(value: unknown): string {
  if (typeof value !== 'string' || !USERNAME.test(value)) {
    throw new ValidationError(`username must be ${MIN_USERNAME_LENGTH}–${MAX_USERNAME_LENGTH} characters: letters, digits, . _ @ -`);
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
