/** The signed-in account as `GET /api/auth/me` returns it (see CONTRACT.md). */
export type UserRole = 'admin' | 'operator' | 'viewer';

export interface User {
  id: string;
  username: string;
  role: UserRole;
  createdAt: string;
}
