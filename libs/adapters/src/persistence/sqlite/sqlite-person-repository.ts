import { ConflictError, type Person, type PersonListQuery, type PersonRepository } from '@argus/domain';
import { personNameKey } from '../person-name-key';
import type { SqliteDatabase } from './sqlite-database';
import { isUniqueViolation } from './sqlite-errors';

interface PersonRow {
  id: string;
  name: string;
  alert: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, name, alert, created_at, updated_at';
const BY_NAME = 'ORDER BY name_key, id';

export class SqlitePersonRepository implements PersonRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(person: Person): Promise<void> {
    try {
      this.db
        .prepare(`INSERT INTO persons (id, name, name_key, alert, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(
          String(person.id),
          String(person.name),
          personNameKey(person.name),
          person.alert === true ? 1 : 0,
          person.createdAt.getTime(),
          person.updatedAt.getTime(),
        );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`the name "${person.name}" is taken`);
      throw error;
    }
  }

  async findById(id: string): Promise<Person | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM persons WHERE id = ?`).get(String(id));
    return row ? toPerson(row as PersonRow) : null;
  }

  async findByName(name: string): Promise<Person | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM persons WHERE name_key = ?`).get(personNameKey(String(name)));
    return row ? toPerson(row as PersonRow) : null;
  }

  async list(query: PersonListQuery): Promise<{ items: Person[]; total: number }> {
    const offset = Math.max(0, Math.trunc(query.offset));
    const limit = Math.max(0, Math.trunc(query.limit));
    // instr() is a plain substring test: no LIKE wildcards or escapes to get wrong.
    const q = query.q === undefined || query.q === '' ? null : personNameKey(String(query.q));
    const where = q === null ? '' : 'WHERE instr(name_key, ?) > 0';
    const params = q === null ? [] : [q];
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM persons ${where} ${BY_NAME} LIMIT ? OFFSET ?`).all(...params, limit, offset);
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM persons ${where}`).get(...params) as { n: number };
    return { items: (rows as PersonRow[]).map(toPerson), total: n };
  }

  async update(id: string, patch: Partial<Pick<Person, 'name' | 'alert' | 'updatedAt'>>): Promise<Person | null> {
    const name = patch.name === undefined ? null : String(patch.name);
    try {
      // Each patchable column bound as a parameter; COALESCE keeps what the patch leaves out.
      this.db
        .prepare(
          `UPDATE persons SET name = COALESCE(?, name), name_key = COALESCE(?, name_key), alert = COALESCE(?, alert),
             updated_at = COALESCE(?, updated_at) WHERE id = ?`,
        )
        .run(
          name,
          name === null ? null : personNameKey(name),
          patch.alert === undefined ? null : patch.alert === true ? 1 : 0,
          patch.updatedAt === undefined ? null : patch.updatedAt.getTime(),
          String(id),
        );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`the name "${name}" is taken`);
      throw error;
    }
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM persons WHERE id = ?').run(String(id)).changes > 0;
  }
}

function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    alert: row.alert === 1,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
