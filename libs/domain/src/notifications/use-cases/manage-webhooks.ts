import type { CameraRepository } from '../../cameras/camera-repository';
import type { PersonRepository } from '../../people/people-repositories';
import type { Clock } from '../../shared/clock';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { IdGenerator } from '../../shared/id-generator';
import type { Principal } from '../../users/user';
import { WEBHOOK_LOG_SIZE } from '../delivery-policy';
import type { NotificationFiltersInput } from '../notification-filters';
import type { WebhookAttempt, WebhookDeliveryRepository, WebhookRepository } from '../notification-repositories';
import { parseWebhookSecret, parseWebhookUrl, toWebhookView, type Webhook, type WebhookView } from '../webhook';
import { checkedFilters } from './notification-targets';

/** Most webhooks one user may register. */
export const MAX_WEBHOOKS_PER_USER = 100;

export interface WebhookInput extends NotificationFiltersInput {
  url?: unknown;
  secret?: unknown;
}

export interface WebhookAttemptView {
  id: string;
  alertId: string | null;
  test: boolean;
  attempt: number;
  at: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
  willRetry: boolean;
}

export interface ManageWebhooksDeps {
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryRepository;
  cameras: CameraRepository;
  persons: PersonRepository;
  ids: IdGenerator;
  clock: Clock;
  /** Refuses an address the installation does not deliver to (private ones when not allowed); throws ValidationError. */
  checkAddress: (url: URL) => void;
  /** Jobs were queued: start delivering. */
  queued: () => void;
}

/** A user's own webhooks: nobody sees, tests or deletes another user's (404, like one that does not exist). */
export class ManageWebhooks {
  constructor(private readonly deps: ManageWebhooksDeps) {}

  async create(principal: Principal, input: WebhookInput): Promise<WebhookView> {
    const url = parseWebhookUrl(input.url);
    this.deps.checkAddress(url);
    const secret = parseWebhookSecret(input.secret);
    const filters = await checkedFilters(this.deps, principal, input);
    if ((await this.deps.webhooks.listByOwner(principal.userId)).length >= MAX_WEBHOOKS_PER_USER) {
      throw new ValidationError(`a user may register at most ${MAX_WEBHOOKS_PER_USER} webhooks`);
    }
    const webhook: Webhook = { id: this.deps.ids.next(), ownerId: principal.userId, url: url.href, secret, filters, createdAt: this.deps.clock.now() };
    await this.deps.webhooks.create(webhook);
    return toWebhookView(webhook);
  }

  async list(principal: Principal): Promise<WebhookView[]> {
    return (await this.deps.webhooks.listByOwner(principal.userId)).map(toWebhookView);
  }

  async get(principal: Principal, id: string): Promise<WebhookView> {
    return toWebhookView(await this.own(principal, id));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.own(principal, id);
    await this.deps.webhooks.delete(id);
    await this.deps.deliveries.deleteByWebhook(id);
  }

  /** Queues one test delivery, sent like an alert (signed, logged) but tried once. */
  async test(principal: Principal, id: string): Promise<void> {
    const webhook = await this.own(principal, id);
    const now = this.deps.clock.now();
    const body = JSON.stringify({ test: true, webhookId: webhook.id, message: 'Test delivery from Argus', timestamp: now.toISOString() });
    await this.deps.deliveries.enqueue([{ id: this.deps.ids.next(), webhookId: webhook.id, alertId: null, body, attempts: 0, nextAttemptAt: now, createdAt: now }]);
    this.deps.queued();
  }

  async deliveries(principal: Principal, id: string): Promise<WebhookAttemptView[]> {
    await this.own(principal, id);
    return (await this.deps.deliveries.listAttempts(id, WEBHOOK_LOG_SIZE)).map(toAttemptView);
  }

  private async own(principal: Principal, id: string): Promise<Webhook> {
    const webhook = await this.deps.webhooks.findById(id);
    if (!webhook || webhook.ownerId !== principal.userId) throw new NotFoundError('Webhook not found');
    return webhook;
  }
}

function toAttemptView(a: WebhookAttempt): WebhookAttemptView {
  return {
    id: a.id,
    alertId: a.alertId,
    test: a.test,
    attempt: a.attempt,
    at: a.at.toISOString(),
    ok: a.ok,
    status: a.status,
    error: a.error,
    durationMs: a.durationMs,
    willRetry: a.willRetry,
  };
}
