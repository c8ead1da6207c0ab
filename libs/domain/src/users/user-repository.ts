import type { User } from './user';

export type UserPatch = Partial<Pick<User, 'role' | 'passwordHash' | 'mustChangePassword' | 'updatedAt'>>;

export interface UserRepository {
  /** Throws ConflictError when the username is taken (case-insensitive). */
  create(user: User): Promise<void>;
  findById(id: string): Promise<User | null>;
  /** Case-insensitive lookup. */
  findByUsername(username: string): Promise<User | null>;
  /** All users, oldest first. */
  list(): Promise<User[]>;
  count(): Promise<number>;
  /** Returns the updated user, or null when it does not exist. */
  update(id: string, patch: UserPatch): Promise<User | null>;
  delete(id: string): Promise<boolean>;
}
