import type { PushSubscription, PushSubscriptionRepository } from '@argus/domain';
import type { SqliteDatabase } from './sqlite-database';
import { filterColumns, filtersOf, type FilterColumns } from './sqlite-notification-rows';

interface SubscriptionRow extends FilterColumns {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

const COLUMNS = 'id, user_id, endpoint, p256dh, auth, camera_ids, person_ids, unknown_only, kinds, created_at';

export class SqlitePushSubscriptionRepository implements PushSubscriptionRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async save(s: PushSubscription): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ? OR id = ?').run(String(s.endpoint), String(s.id));
      this.db
        .prepare(`INSERT INTO push_subscriptions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(String(s.id), String(s.userId), String(s.endpoint), String(s.keys.p256dh), String(s.keys.auth), ...filterColumns(s.filters), s.createdAt.getTime());
    });
  }

  async findById(id: string): Promise<PushSubscription | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM push_subscriptions WHERE id = ?`).get(String(id));
    return row ? toSubscription(row as SubscriptionRow) : null;
  }

  async listByUser(userId: string): Promise<PushSubscription[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM push_subscriptions WHERE user_id = ? ORDER BY created_at, id`).all(String(userId));
    return (rows as SubscriptionRow[]).map(toSubscription);
  }

  async listAll(): Promise<PushSubscription[]> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM push_subscriptions ORDER BY created_at, id`).all() as SubscriptionRow[]).map(toSubscription);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM push_subscriptions WHERE id = ?').run(String(id)).changes > 0;
  }
}

function toSubscription(row: SubscriptionRow): PushSubscription {
  return {
    id: row.id,
    userId: row.user_id,
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    filters: filtersOf(row),
    createdAt: new Date(row.created_at),
  };
}
