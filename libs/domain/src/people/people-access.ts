import { ForbiddenError } from '../shared/errors';
import type { Principal } from '../users/user';

/** Admins and operators manage people, their faces and the unknown groups; viewers only see identities on alerts. */
export function canManagePeople(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'operator';
}

export function requirePeopleManager(principal: Principal): void {
  if (!canManagePeople(principal)) throw new ForbiddenError('Only operators and admins manage people');
}
