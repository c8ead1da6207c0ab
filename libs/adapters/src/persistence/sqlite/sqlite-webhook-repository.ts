import type { Webhook, WebhookRepository } from '@argus/domain';
import type { SqliteDatabase } from './sqlite-database';
import { filterColumns, filtersOf, type FilterColumns } from './sqlite-notification-rows';

interface WebhookRow extends FilterColumns {
  id: string;
  owner_id: string;
  url: string;
  secret: string | null;
  created_at: number;
}

const COLUMNS = 'id, owner_id, url, secret, camera_ids, person_ids, unknown_only, kinds, created_at';

export class SqliteWebhookRepository implements WebhookRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(webhook: Webhook): Promise<void> {
    this.db
      .prepare(`INSERT INTO webhooks (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        String(webhook.id),
        String(webhook.ownerId),
        String(webhook.url),
        webhook.secret === null ? null : String(webhook.secret),
        ...filterColumns(webhook.filters),
        webhook.createdAt.getTime(),
      );
  }

  async findById(id: string): Promise<Webhook | null> {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM webhooks WHERE id = ?`).get(String(id));
    return row ? toWebhook(row as WebhookRow) : null;
  }

  async listByOwner(ownerId: string): Promise<Webhook[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM webhooks WHERE owner_id = ? ORDER BY created_at, id`).all(String(ownerId));
    return (rows as WebhookRow[]).map(toWebhook);
  }

  async listAll(): Promise<Webhook[]> {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM webhooks ORDER BY created_at, id`).all() as WebhookRow[]).map(toWebhook);
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM webhooks WHERE id = ?').run(String(id)).changes > 0;
  }
}

function toWebhook(row: WebhookRow): Webhook {
  return { id: row.id, ownerId: row.owner_id, url: row.url, secret: row.secret, filters: filtersOf(row), createdAt: new Date(row.created_at) };
}
