import { Schema } from 'mongoose';
import { schemaOptions } from './schemas';

export const WEBHOOK_MODEL = 'Webhook';
export const WEBHOOK_JOB_MODEL = 'WebhookJob';
export const WEBHOOK_ATTEMPT_MODEL = 'WebhookAttempt';
export const PUSH_SUBSCRIPTION_MODEL = 'PushSubscription';

export interface FilterFields {
  cameraIds: string[];
  personIds: string[];
  unknownOnly: boolean;
  kinds: string[];
}

const filterFields = () => ({
  cameraIds: { type: [String], default: () => [] as string[] },
  personIds: { type: [String], default: () => [] as string[] },
  unknownOnly: { type: Boolean, required: true as const },
  kinds: { type: [String], default: () => [] as string[] },
});

export interface WebhookDocument extends FilterFields {
  _id: string;
  ownerId: string;
  url: string;
  /** Sealed (enc:v1:...) with the credential key. */
  secret: string | null;
  createdAt: Date;
}

export const WebhookSchema = new Schema<WebhookDocument>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    url: { type: String, required: true },
    secret: { type: String, default: null },
    ...filterFields(),
    createdAt: { type: Date, required: true },
  },
  schemaOptions('webhooks'),
);
WebhookSchema.index({ ownerId: 1, createdAt: 1, _id: 1 }, { name: 'owner_created' });

export interface WebhookJobDocument {
  _id: string;
  webhookId: string;
  alertId: string | null;
  body: string;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
}

export const WebhookJobSchema = new Schema<WebhookJobDocument>(
  {
    _id: { type: String, required: true },
    webhookId: { type: String, required: true },
    alertId: { type: String, default: null },
    body: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  schemaOptions('webhook_jobs'),
);
WebhookJobSchema.index({ nextAttemptAt: 1, createdAt: 1, _id: 1 }, { name: 'due' });
WebhookJobSchema.index({ webhookId: 1 }, { name: 'webhook' });

export interface WebhookAttemptDocument {
  _id: string;
  webhookId: string;
  alertId: string | null;
  test: boolean;
  attempt: number;
  at: Date;
  /** Insertion order within Argus (at, then this), so equal times still sort. */
  seq: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  willRetry: boolean;
}

export const WebhookAttemptSchema = new Schema<WebhookAttemptDocument>(
  {
    _id: { type: String, required: true },
    webhookId: { type: String, required: true },
    alertId: { type: String, default: null },
    test: { type: Boolean, required: true },
    attempt: { type: Number, required: true },
    at: { type: Date, required: true },
    seq: { type: Number, required: true },
    ok: { type: Boolean, required: true },
    status: { type: Number, default: null },
    error: { type: String, default: null },
    durationMs: { type: Number, required: true },
    willRetry: { type: Boolean, required: true },
  },
  schemaOptions('webhook_attempts'),
);
WebhookAttemptSchema.index({ webhookId: 1, at: -1, seq: -1 }, { name: 'webhook_newest' });

export interface PushSubscriptionDocument extends FilterFields {
  _id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: Date;
}

export const PushSubscriptionSchema = new Schema<PushSubscriptionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    endpoint: { type: String, required: true },
    p256dh: { type: String, required: true },
    auth: { type: String, required: true },
    ...filterFields(),
    createdAt: { type: Date, required: true },
  },
  schemaOptions('push_subscriptions'),
);
PushSubscriptionSchema.index({ endpoint: 1 }, { unique: true, name: 'endpoint_unique' });
PushSubscriptionSchema.index({ userId: 1, createdAt: 1, _id: 1 }, { name: 'user_created' });

export function filterFieldsOf(filters: { cameraIds: string[]; personIds: string[]; unknownOnly: boolean; kinds: string[] }): FilterFields {
  return {
    cameraIds: filters.cameraIds.map(String),
    personIds: filters.personIds.map(String),
    unknownOnly: filters.unknownOnly === true,
    kinds: filters.kinds.map(String),
  };
}
