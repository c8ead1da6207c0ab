import type { ApiSchema } from '../api/api-types';

/** An account as `GET /api/auth/me` and `/api/users` answer it; `mustChangePassword` shows the "change your password" banner. */
export type User = ApiSchema<'User'>;

export type UserRole = User['role'];

export const USER_ROLES = ['admin', 'operator', 'viewer'] as const satisfies readonly UserRole[];
