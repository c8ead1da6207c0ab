import type { PushSubscription, PushSubscriptionRepository } from '@argus/domain';
import type { Model } from 'mongoose';
import { filtersFrom } from './mongo-webhook-repository';
import { filterFieldsOf, type PushSubscriptionDocument } from './notification-schemas';

const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

export class MongoPushSubscriptionRepository implements PushSubscriptionRepository {
  constructor(private readonly model: Model<PushSubscriptionDocument>) {}

  async save(s: PushSubscription): Promise<void> {
    await this.model.deleteMany({ $or: [{ endpoint: String(s.endpoint) }, { _id: String(s.id) }] }).exec();
    await this.model.create({
      _id: String(s.id),
      userId: String(s.userId),
      endpoint: String(s.endpoint),
      p256dh: String(s.keys.p256dh),
      auth: String(s.keys.auth),
      ...filterFieldsOf(s.filters),
      createdAt: new Date(s.createdAt.getTime()),
    });
  }

  async findById(id: string): Promise<PushSubscription | null> {
    const doc = await this.model.findOne({ _id: String(id) }).lean<PushSubscriptionDocument>().exec();
    return doc ? toSubscription(doc) : null;
  }

  async listByUser(userId: string): Promise<PushSubscription[]> {
    return (await this.model.find({ userId: String(userId) }).sort(OLDEST_FIRST).lean<PushSubscriptionDocument[]>().exec()).map(toSubscription);
  }

  async listAll(): Promise<PushSubscription[]> {
    return (await this.model.find({}).sort(OLDEST_FIRST).lean<PushSubscriptionDocument[]>().exec()).map(toSubscription);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: String(id) }).exec()).deletedCount > 0;
  }
}

function toSubscription(doc: PushSubscriptionDocument): PushSubscription {
  return {
    id: doc._id,
    userId: doc.userId,
    endpoint: doc.endpoint,
    keys: { p256dh: doc.p256dh, auth: doc.auth },
    filters: filtersFrom(doc),
    createdAt: doc.createdAt,
  };
}
