import type { WebhookAttempt, WebhookDeliveryRepository, WebhookJob } from '@argus/domain';
import type { Model } from 'mongoose';
import type { WebhookAttemptDocument, WebhookJobDocument } from './notification-schemas';

const DUE_ORDER = { nextAttemptAt: 1, createdAt: 1, _id: 1 } as const;
const NEWEST_FIRST = { at: -1, seq: -1 } as const;

export class MongoWebhookDeliveryRepository implements WebhookDeliveryRepository {
  private seq = 0;

  constructor(
    private readonly jobs: Model<WebhookJobDocument>,
    private readonly attempts: Model<WebhookAttemptDocument>,
  ) {}

  async enqueue(jobs: WebhookJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.jobs.insertMany(
      jobs.map((job) => ({
        _id: String(job.id),
        webhookId: String(job.webhookId),
        alertId: job.alertId === null ? null : String(job.alertId),
        body: String(job.body),
        attempts: Math.trunc(job.attempts),
        nextAttemptAt: new Date(job.nextAttemptAt.getTime()),
        createdAt: new Date(job.createdAt.getTime()),
      })),
    );
  }

  async claimDue(now: Date, claimUntil: Date, limit: number): Promise<WebhookJob[]> {
    const claimed: WebhookJob[] = [];
    // One atomic find-and-move per job: two nodes never take the same one.
    while (claimed.length < Math.trunc(limit)) {
      const doc = await this.jobs
        .findOneAndUpdate({ nextAttemptAt: { $lte: now } }, { $set: { nextAttemptAt: claimUntil } }, { sort: DUE_ORDER, new: false })
        .lean<WebhookJobDocument>()
        .exec();
      if (!doc) break;
      claimed.push(toJob(doc));
    }
    return claimed;
  }

  async nextDueAt(): Promise<Date | null> {
    const doc = await this.jobs.findOne({}).sort(DUE_ORDER).lean<WebhookJobDocument>().exec();
    return doc ? doc.nextAttemptAt : null;
  }

  async reschedule(jobId: string, attempts: number, nextAttemptAt: Date): Promise<void> {
    await this.jobs.updateOne({ _id: String(jobId) }, { $set: { attempts: Math.trunc(attempts), nextAttemptAt } }).exec();
  }

  async complete(jobId: string): Promise<void> {
    await this.jobs.deleteOne({ _id: String(jobId) }).exec();
  }

  async recordAttempt(a: WebhookAttempt, keep: number): Promise<void> {
    await this.attempts.create({
      _id: String(a.id),
      webhookId: String(a.webhookId),
      alertId: a.alertId === null ? null : String(a.alertId),
      test: a.test === true,
      attempt: Math.trunc(a.attempt),
      at: new Date(a.at.getTime()),
      seq: ++this.seq,
      ok: a.ok === true,
      status: a.status,
      error: a.error === null ? null : String(a.error),
      durationMs: Math.trunc(a.durationMs),
      willRetry: a.willRetry === true,
    });
    const kept = await this.attempts
      .find({ webhookId: String(a.webhookId) })
      .sort(NEWEST_FIRST)
      .skip(Math.max(0, Math.trunc(keep)))
      .select({ _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    if (kept.length > 0) await this.attempts.deleteMany({ _id: { $in: kept.map((d) => d._id) } }).exec();
  }

  async listAttempts(webhookId: string, limit: number): Promise<WebhookAttempt[]> {
    const n = Math.trunc(limit);
    if (n <= 0) return [];
    const docs = await this.attempts.find({ webhookId: String(webhookId) }).sort(NEWEST_FIRST).limit(n).lean<WebhookAttemptDocument[]>().exec();
    return docs.map(toAttempt);
  }

  async deleteByWebhook(webhookId: string): Promise<void> {
    await this.jobs.deleteMany({ webhookId: String(webhookId) }).exec();
    await this.attempts.deleteMany({ webhookId: String(webhookId) }).exec();
  }
}

function toJob(doc: WebhookJobDocument): WebhookJob {
  return {
    id: doc._id,
    webhookId: doc.webhookId,
    alertId: doc.alertId ?? null,
    body: doc.body,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    createdAt: doc.createdAt,
  };
}

function toAttempt(doc: WebhookAttemptDocument): WebhookAttempt {
  return {
    id: doc._id,
    webhookId: doc.webhookId,
    alertId: doc.alertId ?? null,
    test: doc.test,
    attempt: doc.attempt,
    at: doc.at,
    ok: doc.ok,
    status: doc.status ?? null,
    error: doc.error ?? null,
    durationMs: doc.durationMs,
    willRetry: doc.willRetry,
  };
}
