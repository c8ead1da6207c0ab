import type { Webhook, WebhookRepository } from '@argus/domain';
import { CredentialCipher, CredentialDecryptError } from '../security/credential-cipher';

const context = (webhookId: string, field: 'url' | 'secret') => `argus webhook ${webhookId} ${field}`;

/**
 * Webhook secrets and URLs sealed at rest (AES-256-GCM with the credential key, bound to the
 * webhook's id and the field), around any WebhookRepository adapter: sealed on every write, opened
 * on every read. URLs too, since many receivers (Home Assistant's webhook ids among them) take the
 * URL itself as the password.
 */
export class EncryptedWebhookRepository implements WebhookRepository {
  constructor(
    private readonly inner: WebhookRepository,
    private readonly cipher: CredentialCipher,
    private readonly onUnreadable: (webhookId: string) => void = () => undefined,
  ) {}

  create(webhook: Webhook): Promise<void> {
    return this.inner.create({
      ...webhook,
      url: this.cipher.seal(webhook.url, context(webhook.id, 'url')),
      secret: webhook.secret === null ? null : this.cipher.seal(webhook.secret, context(webhook.id, 'secret')),
    });
  }

  async findById(id: string): Promise<Webhook | null> {
    const webhook = await this.inner.findById(id);
    return webhook && this.open(webhook);
  }

  async listByOwner(ownerId: string): Promise<Webhook[]> {
    return (await this.inner.listByOwner(ownerId)).map((w) => this.open(w));
  }

  async listAll(): Promise<Webhook[]> {
    return (await this.inner.listAll()).map((w) => this.open(w));
  }

  delete(id: string): Promise<boolean> {
    return this.inner.delete(id);
  }

  private open(webhook: Webhook): Webhook {
    try {
      return {
        ...webhook,
        url: this.cipher.open(webhook.url, context(webhook.id, 'url')),
        secret: webhook.secret === null ? null : this.cipher.open(webhook.secret, context(webhook.id, 'secret')),
      };
    } catch (error) {
      if (!(error instanceof CredentialDecryptError)) throw error;
      this.onUnreadable(webhook.id);
      return { ...webhook, url: UNREADABLE_URL, secret: webhook.secret === null ? null : UNREADABLE_SECRET };
    }
  }
}

/** What a URL that does not open reads as: an address that goes nowhere, so deliveries fail and are logged. */
export const UNREADABLE_URL = 'http://webhook-url-unreadable.invalid/';

/**
 * What a secret that does not open reads as: deliveries stay signed, with a key nobody knows, so a
 * receiver that checks signatures refuses them instead of trusting unsigned ones; the owner
 * re-creates the webhook.
 */
export const UNREADABLE_SECRET = '\u0000argus: secret unreadable with the current key\u0000';
