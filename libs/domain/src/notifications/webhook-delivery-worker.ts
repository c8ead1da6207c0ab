import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { TimerHandle, Timers } from '../streams/timers';
import { WEBHOOK_CLAIM_MS, WEBHOOK_LOG_SIZE, webhookRetryDelay } from './delivery-policy';
import type { NotificationLog, WebhookSender } from './notification-channels';
import type { WebhookDeliveryRepository, WebhookJob, WebhookRepository } from './notification-repositories';
import type { Webhook } from './webhook';

export interface WebhookDeliveryWorkerDeps {
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryRepository;
  sender: WebhookSender;
  ids: IdGenerator;
  clock: Clock;
  timers: Timers;
  log: NotificationLog;
  /** Deliveries under way at once. */
  concurrency?: number;
}

/** Longest wait between two looks at the queue (jobs queued by another node, claims that lapsed). */
const MAX_IDLE_MS = 30_000;
/** How long a webhook read for one delivery serves the next ones (an alert queues one job per webhook). */
const WEBHOOK_CACHE_MS = 2_000;

/**
 * Works through the durable webhook queue: sends each due job, logs every try, and on an error or a
 * time-out tries again later with a doubling wait until the policy gives up. Jobs stay in the
 * database until they are done, so a restart picks up where it stopped.
 */
export class WebhookDeliveryWorker {
  private timer: TimerHandle | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  /** Ids of the jobs being sent: a lapsed claim never sends one twice from here. */
  private readonly sending = new Set<string>();
  private readonly cache = new Map<string, { webhook: Promise<Webhook | null>; until: number }>();

  constructor(private readonly deps: WebhookDeliveryWorkerDeps) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Waits for the deliveries under way; nothing new starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Something was queued (or is due): look at the queue now. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain()
      .catch((e) => this.deps.log.warn(`webhook queue: ${String(e)}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        } else void this.scheduleNext();
      });
  }

  private async drain(): Promise<void> {
    const limit = this.deps.concurrency ?? 32;
    for (;;) {
      if (this.stopped) return;
      const free = limit - this.inFlight.size;
      if (free <= 0) {
        await Promise.race([...this.inFlight]);
        continue;
      }
      const now = this.deps.clock.now();
      const jobs = await this.deps.deliveries.claimDue(now, new Date(now.getTime() + WEBHOOK_CLAIM_MS), free);
      if (jobs.length === 0) return;
      const fresh = jobs.filter((job) => !this.sending.has(job.id));
      if (fresh.length === 0) return;
      for (const job of fresh) {
        this.sending.add(job.id);
        const work = this.deliver(job).finally(() => {
          this.inFlight.delete(work);
          this.sending.delete(job.id);
        });
        this.inFlight.add(work);
      }
    }
  }

  private webhook(id: string): Promise<Webhook | null> {
    const now = this.deps.clock.now().getTime();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.webhook;
    for (const [key, entry] of this.cache) if (entry.until <= now) this.cache.delete(key);
    const webhook = this.deps.webhooks.findById(id).catch((e) => {
      this.cache.delete(id);
      throw e;
    });
    this.cache.set(id, { webhook, until: now + WEBHOOK_CACHE_MS });
    return webhook;
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const next = await this.deps.deliveries.nextDueAt().catch(() => null);
    const wait = next ? Math.max(0, next.getTime() - this.deps.clock.now().getTime()) : MAX_IDLE_MS;
    if (this.timer) this.deps.timers.clearTimeout(this.timer);
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.min(wait, MAX_IDLE_MS));
  }

  private async deliver(job: WebhookJob): Promise<void> {
    const webhook = await this.webhook(job.webhookId);
    if (!webhook) {
      await this.deps.deliveries.complete(job.id);
      return;
    }
    const attempt = job.attempts + 1;
    const result = await this.deps.sender.send({ url: webhook.url, secret: webhook.secret, body: job.body });
    // A test delivery is tried once: the user is watching its result.
    const retryIn = result.ok || job.alertId === null ? null : webhookRetryDelay(attempt);
    const now = this.deps.clock.now();
    await this.deps.deliveries.recordAttempt(
      {
        id: this.deps.ids.next(),
        webhookId: webhook.id,
        alertId: job.alertId,
        test: job.alertId === null,
        attempt,
        at: now,
        ok: result.ok,
        status: result.status,
        error: result.error,
        durationMs: Math.round(result.durationMs),
        willRetry: retryIn !== null,
      },
      WEBHOOK_LOG_SIZE,
    );
    if (retryIn === null) await this.deps.deliveries.complete(job.id);
    else {
      await this.deps.deliveries.reschedule(job.id, attempt, new Date(now.getTime() + retryIn));
      void this.scheduleNext();
    }
  }
}
