import type { Webhook, WebhookRepository } from '@argus/domain';
import { CredentialCipher, CredentialDecryptError } from '../security/credential-cipher';

const context = (webhookId: string) => `argus webhook ${webhookId} secret`;

/**
 * Webhook secrets sealed at rest (AES-256-GCM with the credential key, bound to the webhook's id),
 * around any WebhookRepository adapter: sealed on every write, opened on every read.
 */
export class EncryptedWebhookRepository implements WebhookRepository {
  constructor(
    private readonly inner: WebhookRepository,
    private readonly cipher: CredentialCipher,
    private readonly onUnreadable: (webhookId: string) => void = () => undefined,
  ) {}

  create(webhook: Webhook): Promise<void> {
    return this.inner.create({ ...webhook, secret: webhook.secret === null ? null : this.cipher.seal(webhook.secret, context(webhook.id)) });
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
    if (webhook.secret === null) return webhook;
    try {
      return { ...webhook, secret: this.cipher.open(webhook.secret, context(webhook.id)) };
    } catch (error) {
      if (!(error instanceof CredentialDecryptError)) throw error;
      this.onUnreadable(webhook.id);
      return { ...webhook, secret: UNREADABLE_SECRET };
    }
  }
}

/**
 * What a secret that does not open reads as: deliveries stay signed, with a key nobody knows, so a
 * receiver that checks signatures refuses them instead of trusting unsigned ones; the owner
 * re-creates the webhook.
 */
export const UNREADABLE_SECRET = '\u0000argus: secret unreadable with the current key\u0000';
