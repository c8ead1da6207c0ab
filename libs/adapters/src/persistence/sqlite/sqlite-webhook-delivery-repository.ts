import type { WebhookAttempt, WebhookDeliveryRepository, WebhookJob } from '@argus/domain';
import type { SqliteDatabase } from './sqlite-database';

interface JobRow {
  id: string;
  webhook_id: string;
  alert_id: string | null;
  body: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

interface AttemptRow {
  id: string;
  webhook_id: string;
  alert_id: string | null;
  test: number;
  attempt: number;
  at: number;
  ok: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
  will_retry: number;
}

const JOB_COLUMNS = 'id, webhook_id, alert_id, body, attempts, next_attempt_at, created_at';
const ATTEMPT_COLUMNS = 'id, webhook_id, alert_id, test, attempt, at, ok, status, error, duration_ms, will_retry';

export class SqliteWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async enqueue(jobs: WebhookJob[]): Promise<void> {
    const insert = this.db.prepare(`INSERT INTO webhook_jobs (${JOB_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const job of jobs) {
        insert.run(
          String(job.id),
          String(job.webhookId),
          job.alertId === null ? null : String(job.alertId),
          String(job.body),
          Math.trunc(job.attempts),
          job.nextAttemptAt.getTime(),
          job.createdAt.getTime(),
        );
      }
    });
  }

  async claimDue(now: Date, claimUntil: Date, limit: number): Promise<WebhookJob[]> {
    const n = Math.max(0, Math.trunc(limit));
    if (n === 0) return [];
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(`SELECT ${JOB_COLUMNS} FROM webhook_jobs WHERE next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?`)
        .all(now.getTime(), n) as JobRow[];
      const claim = this.db.prepare('UPDATE webhook_jobs SET next_attempt_at = ? WHERE id = ?');
      for (const row of rows) claim.run(claimUntil.getTime(), row.id);
      return rows.map(toJob);
    });
  }

  async nextDueAt(): Promise<Date | null> {
    const row = this.db.prepare('SELECT MIN(next_attempt_at) AS at FROM webhook_jobs').get() as { at: number | null };
    return row.at === null ? null : new Date(row.at);
  }

  async reschedule(jobId: string, attempts: number, nextAttemptAt: Date): Promise<void> {
    this.db.prepare('UPDATE webhook_jobs SET attempts = ?, next_attempt_at = ? WHERE id = ?').run(Math.trunc(attempts), nextAttemptAt.getTime(), String(jobId));
  }

  async complete(jobId: string): Promise<void> {
    this.db.prepare('DELETE FROM webhook_jobs WHERE id = ?').run(String(jobId));
  }

  async recordAttempt(a: WebhookAttempt, keep: number): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO webhook_attempts (${ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(
          String(a.id),
          String(a.webhookId),
          a.alertId === null ? null : String(a.alertId),
          a.test ? 1 : 0,
          Math.trunc(a.attempt),
          a.at.getTime(),
          a.ok ? 1 : 0,
          a.status,
          a.error === null ? null : String(a.error),
          Math.trunc(a.durationMs),
          a.willRetry ? 1 : 0,
        );
      this.db
        .prepare(
          `DELETE FROM webhook_attempts WHERE webhook_id = ? AND seq NOT IN
             (SELECT seq FROM webhook_attempts WHERE webhook_id = ? ORDER BY seq DESC LIMIT ?)`,
        )
        .run(String(a.webhookId), String(a.webhookId), Math.max(0, Math.trunc(keep)));
    });
  }

  async listAttempts(webhookId: string, limit: number): Promise<WebhookAttempt[]> {
    const rows = this.db
      .prepare(`SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE webhook_id = ? ORDER BY seq DESC LIMIT ?`)
      .all(String(webhookId), Math.max(0, Math.trunc(limit))) as AttemptRow[];
    return rows.map(toAttempt);
  }

  async deleteByWebhook(webhookId: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM webhook_jobs WHERE webhook_id = ?').run(String(webhookId));
      this.db.prepare('DELETE FROM webhook_attempts WHERE webhook_id = ?').run(String(webhookId));
    });
  }
}

function toJob(row: JobRow): WebhookJob {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    alertId: row.alert_id,
    body: row.body,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    createdAt: new Date(row.created_at),
  };
}

function toAttempt(row: AttemptRow): WebhookAttempt {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    alertId: row.alert_id,
    test: row.test === 1,
    attempt: row.attempt,
    at: new Date(row.at),
    ok: row.ok === 1,
    status: row.status,
    error: row.error,
    durationMs: row.duration_ms,
    willRetry: row.will_retry === 1,
  };
}
