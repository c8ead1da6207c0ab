import type { PushSubscription, Webhook, WebhookAttempt, WebhookJob } from '@argus/domain';

/** Builders for the notification contract suites: distinct ids, increasing dates. */
let sequence = 0;
const BASE_TIME = Date.UTC(2026, 0, 1);
const next = () => ++sequence;

export function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  const n = next();
  return {
    id: `webhook-${n}`,
    ownerId: 'owner-1',
    url: `https://hooks.example.com/argus/${n}`,
    secret: `secret-${n}`,
    filters: { cameraIds: [], personIds: [], unknownOnly: false, kinds: [] },
    createdAt: new Date(BASE_TIME + n * 1000),
    ...overrides,
  };
}

export function aJob(overrides: Partial<WebhookJob> = {}): WebhookJob {
  const n = next();
  const at = new Date(BASE_TIME + n * 1000);
  return { id: `job-${n}`, webhookId: 'webhook-1', alertId: `alert-${n}`, body: `{"n":${n}}`, attempts: 0, nextAttemptAt: at, createdAt: at, ...overrides };
}

export function anAttempt(overrides: Partial<WebhookAttempt> = {}): WebhookAttempt {
  const n = next();
  return {
    id: `attempt-${n}`,
    webhookId: 'webhook-1',
    alertId: `alert-${n}`,
    test: false,
    attempt: 1,
    at: new Date(BASE_TIME + n * 1000),
    ok: true,
    status: 200,
    error: null,
    durationMs: 12,
    willRetry: false,
    ...overrides,
  };
}

export function aPushSubscription(overrides: Partial<PushSubscription> = {}): PushSubscription {
  const n = next();
  return {
    id: `push-${n}`,
    userId: 'user-1',
    endpoint: `https://push.example.com/send/${n}`,
    keys: { p256dh: `B${'A'.repeat(86)}`, auth: `auth-${n}`.padEnd(22, 'x') },
    filters: { cameraIds: [], personIds: [], unknownOnly: false, kinds: [] },
    createdAt: new Date(BASE_TIME + n * 1000),
    ...overrides,
  };
}
