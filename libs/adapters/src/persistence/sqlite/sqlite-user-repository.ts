import { ConflictError, type User, type UserPatch, type UserRepository, isRole } from '@argus/domain';
import type { SqliteDatabase } from './sqlite-database';
import { isUniqueViolation } from './sqlite-errors';
import { usernameKey } from '../username-key';

interface UserRow {
  id: string;
  username: string;
  role: string;
  password_hash: string;
  must_change_password: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, username, role, password_hash, must_change_password, created_at, updated_at';

export class SqliteUserRepository implements UserRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(user: User): Promise<void> {
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, username, username_key, role, password_hash, must_change_password, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          String(user.id),
          String(user.username),
          usernameKey(user.username),
          String(user.role),
          String(user.passwordHash),
          user.mustChangePassword ? 1 : 0,
          user.createdAt.getTime(),
          user.updatedAt.getTime(),
        );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`username "${user.username}" is taken`);
      throw error;
    }
  }

  async findById(id: string): Promise<User | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(String(id));
    return row ? toUser(row as UserRow) : null;
  }

  async findByUsername(username: string): Promise<User | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE username_key = ?`).get(usernameKey(username));
    return row ? toUser(row as UserRow) : null;
  }

  async list(): Promise<User[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY created_at, id`).all() as UserRow[];
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number };
    return row.n;
  }

  async update(id: string, patch: UserPatch): Promise<User | null> {
    // Only the columns a patch may touch, each bound as a parameter; COALESCE keeps the
    // stored value where the patch leaves a field out.
    this.db
      .prepare(
        `UPDATE users SET role = COALESCE(?, role), password_hash = COALESCE(?, password_hash),
           must_change_password = COALESCE(?, must_change_password), updated_at = COALESCE(?, updated_at) WHERE id = ?`,
      )
      .run(
        patch.role === undefined ? null : String(patch.role),
        patch.passwordHash === undefined ? null : String(patch.passwordHash),
        patch.mustChangePassword === undefined ? null : patch.mustChangePassword ? 1 : 0,
        patch.updatedAt === undefined ? null : patch.updatedAt.getTime(),
        String(id),
      );
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM users WHERE id = ?').run(String(id)).changes > 0;
  }
}

function toUser(row: UserRow): User {
  if (!isRole(row.role)) throw new Error(`users row ${row.id} has an unknown role`);
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
