export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A stored user; `passwordHash` never leaves the server. */
export interface User {
  id: string;
  username: string;
  role: Role;
  passwordHash: string;
  /** Set for a generated first-admin password or one an admin reset: the console asks for a new one. */
  mustChangePassword?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Who is asking: what the access rules need to know about the caller. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
}

export interface UserView {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    mustChangePassword: user.mustChangePassword ?? false,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toPrincipal(user: User): Principal {
  return { userId: user.id, username: user.username, role: user.role };
}

/** What anyone who shares cameras may know of a user: who to pick, nothing more. */
export interface UserDirectoryEntry {
  id: string;
  username: string;
  role: Role;
}

export function toDirectoryEntry(user: User): UserDirectoryEntry {
  return { id: user.id, username: user.username, role: user.role };
}
