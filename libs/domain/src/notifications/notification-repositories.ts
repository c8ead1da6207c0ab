import type { NotificationFilters } from './notification-filters';
import type { Webhook } from './webhook';

export interface WebhookRepository {
  create(webhook: Webhook): Promise<void>;
  findById(id: string): Promise<Webhook | null>;
  /** A user's webhooks, oldest first. */
  listByOwner(ownerId: string): Promise<Webhook[]>;
  /** Every webhook, oldest first (what the dispatcher matches each alert against). */
  listAll(): Promise<Webhook[]>;
  delete(id: string): Promise<boolean>;
}

/** One delivery waiting in the durable queue: its body is fixed when the alert is dispatched. */
export interface WebhookJob {
  id: string;
  webhookId: string;
  /** null for a test delivery. */
  alertId: string | null;
  body: string;
  /** Tries made so far. */
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** One try, as the delivery log shows it. */
export interface WebhookAttempt {
  id: string;
  webhookId: string;
  alertId: string | null;
  test: boolean;
  /** 1 for the first try. */
  attempt: number;
  at: Date;
  ok: boolean;
  /** The receiver's HTTP status; null when it never answered. */
  status: number | null;
  error: string | null;
  durationMs: number;
  /** Whether another try will follow a failure. */
  willRetry: boolean;
}

/** The durable delivery queue and the delivery log, in the database so both survive a restart. */
export interface WebhookDeliveryRepository {
  enqueue(jobs: WebhookJob[]): Promise<void>;
  /**
   * Up to `limit` jobs due at `now`, oldest due first, each moved to `claimUntil` as it is handed
   * out (atomically per job): another worker does not take it, and a worker that dies mid-send
   * leaves it to be tried again then.
   */
  claimDue(now: Date, claimUntil: Date, limit: number): Promise<WebhookJob[]>;
  /** When the next due job is, null when the queue is empty. */
  nextDueAt(): Promise<Date | null>;
  reschedule(jobId: string, attempts: number, nextAttemptAt: Date): Promise<void>;
  complete(jobId: string): Promise<void>;
  /** Adds an attempt and keeps only the newest `keep` of its webhook. */
  recordAttempt(attempt: WebhookAttempt, keep: number): Promise<void>;
  /** Newest first. */
  listAttempts(webhookId: string, limit: number): Promise<WebhookAttempt[]>;
  /** A deleted webhook: its queued jobs and its log go. */
  deleteByWebhook(webhookId: string): Promise<void>;
}

/** A browser's Web Push subscription (its endpoint is unique: subscribing again replaces it). */
export interface PushSubscription {
  id: string;
  userId: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  filters: NotificationFilters;
  createdAt: Date;
}

export interface PushSubscriptionRepository {
  /** Inserts, or replaces the subscription with the same endpoint (keeping nothing of the old one). */
  save(subscription: PushSubscription): Promise<void>;
  findById(id: string): Promise<PushSubscription | null>;
  listByUser(userId: string): Promise<PushSubscription[]>;
  listAll(): Promise<PushSubscription[]>;
  delete(id: string): Promise<boolean>;
}
