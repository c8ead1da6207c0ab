import type { AlertKind, NotificationFilters, Webhook, WebhookRepository } from '@argus/domain';
import type { Model } from 'mongoose';
import { filterFieldsOf, type FilterFields, type WebhookDocument } from './notification-schemas';

const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

export class MongoWebhookRepository implements WebhookRepository {
  constructor(private readonly model: Model<WebhookDocument>) {}

  async create(webhook: Webhook): Promise<void> {
    await this.model.create({
      _id: String(webhook.id),
      ownerId: String(webhook.ownerId),
      url: String(webhook.url),
      secret: webhook.secret === null ? null : String(webhook.secret),
      ...filterFieldsOf(webhook.filters),
      createdAt: new Date(webhook.createdAt.getTime()),
    });
  }

  async findById(id: string): Promise<Webhook | null> {
    const doc = await this.model.findOne({ _id: String(id) }).lean<WebhookDocument>().exec();
    return doc ? toWebhook(doc) : null;
  }

  async listByOwner(ownerId: string): Promise<Webhook[]> {
    return (await this.model.find({ ownerId: String(ownerId) }).sort(OLDEST_FIRST).lean<WebhookDocument[]>().exec()).map(toWebhook);
  }

  async listAll(): Promise<Webhook[]> {
    return (await this.model.find({}).sort(OLDEST_FIRST).lean<WebhookDocument[]>().exec()).map(toWebhook);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: String(id) }).exec()).deletedCount > 0;
  }
}

export function filtersFrom(doc: FilterFields): NotificationFilters {
  return {
    cameraIds: [...(doc.cameraIds ?? [])],
    personIds: [...(doc.personIds ?? [])],
    unknownOnly: doc.unknownOnly === true,
    kinds: [...(doc.kinds ?? [])] as AlertKind[],
  };
}

function toWebhook(doc: WebhookDocument): Webhook {
  return { id: doc._id, ownerId: doc.ownerId, url: doc.url, secret: doc.secret ?? null, filters: filtersFrom(doc), createdAt: doc.createdAt };
}
