/** The signed-in account as `GET /api/auth/me` returns it (see CONTRACT.md). */
export type UserRole = 'admin' | 'operator' | 'viewer';

export const USER_ROLES: readonly UserRole[] = ['admin', 'operator', 'viewer'];

export interface User {
  id: string;
  username: string;
  role: UserRole;
  createdAt: string;
  /** Not in the contract yet: when an API sends it, it decides the "change your password" banner. */
  mustChangePassword?: boolean;
}
