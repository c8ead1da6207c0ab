import type { PushSubscriptionRepository, WebhookDeliveryRepository, WebhookRepository } from '@argus/domain';
import { OPERATOR_LIKE_IDS, SMUGGLED_OPERATOR, type RepositoryFactory } from './fixtures';
import { aJob, aPushSubscription, anAttempt, aWebhook } from './notification-fixtures';

/** The behaviour every WebhookRepository adapter must show. */
export function describeWebhookRepositoryContract(adapter: string, factory: RepositoryFactory<WebhookRepository>): void {
  describe(`WebhookRepository contract: ${adapter}`, () => {
    let webhooks: WebhookRepository;
    beforeEach(async () => {
      webhooks = await factory();
    });

    it('returns a created webhook with every field intact, filters included', async () => {
      const plain = aWebhook({ secret: null });
      const filtered = aWebhook({ filters: { cameraIds: ['c-1', 'c-2'], personIds: ['p-1'], unknownOnly: true, kinds: ['face'] } });
      await webhooks.create(plain);
      await webhooks.create(filtered);
      expect(await webhooks.findById(plain.id)).toEqual(plain);
      expect(await webhooks.findById(filtered.id)).toEqual(filtered);
    });

    it('lists a user’s webhooks and all webhooks, oldest first', async () => {
      const a = aWebhook({ ownerId: 'ann' });
      const b = aWebhook({ ownerId: 'bob' });
      const c = aWebhook({ ownerId: 'ann' });
      for (const w of [c, b, a]) await webhooks.create(w);
      expect(await webhooks.listByOwner('ann')).toEqual([a, c]);
      expect(await webhooks.listByOwner('nobody')).toEqual([]);
      expect(await webhooks.listAll()).toEqual([a, b, c]);
    });

    it('deletes one webhook and says whether it existed', async () => {
      const a = aWebhook();
      await webhooks.create(a);
      expect(await webhooks.delete(a.id)).toBe(true);
      expect(await webhooks.delete(a.id)).toBe(false);
      expect(await webhooks.findById(a.id)).toBeNull();
    });

    it('never reads an operator given in place of an id as a query', async () => {
      const a = aWebhook({ ownerId: 'ann' });
      await webhooks.create(a);
      for (const id of OPERATOR_LIKE_IDS) expect(await webhooks.findById(id)).toBeNull();
      expect(await webhooks.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await webhooks.listByOwner(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await webhooks.delete(SMUGGLED_OPERATOR)).toBe(false);
      expect(await webhooks.listAll()).toEqual([a]);
    });
  });
}

/** The behaviour every WebhookDeliveryRepository adapter must show (queue and log). */
export function describeWebhookDeliveryRepositoryContract(adapter: string, factory: RepositoryFactory<WebhookDeliveryRepository>): void {
  describe(`WebhookDeliveryRepository contract: ${adapter}`, () => {
    let deliveries: WebhookDeliveryRepository;
    beforeEach(async () => {
      deliveries = await factory();
    });
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

    it('hands out due jobs oldest due first, each once until its claim lapses', async () => {
      const early = aJob({ nextAttemptAt: t(10) });
      const later = aJob({ nextAttemptAt: t(20) });
      const future = aJob({ nextAttemptAt: t(100) });
      await deliveries.enqueue([later, future, early]);
      expect(await deliveries.nextDueAt()).toEqual(t(10));
      const claimed = await deliveries.claimDue(t(50), t(110), 10);
      expect(claimed.map((j) => j.id)).toEqual([early.id, later.id]);
      expect(claimed[0]).toMatchObject({ webhookId: early.webhookId, alertId: early.alertId, body: early.body, attempts: 0, createdAt: early.createdAt });
      expect(await deliveries.claimDue(t(60), t(120), 10)).toEqual([]);
      // At 110 s the claims lapsed (the sender died): both come back, with the one due then.
      expect((await deliveries.claimDue(t(110), t(200), 10)).map((j) => j.id)).toEqual([future.id, early.id, later.id]);
    });

    it('respects the limit, and an empty queue has no next due time', async () => {
      expect(await deliveries.nextDueAt()).toBeNull();
      await deliveries.enqueue([aJob({ nextAttemptAt: t(1) }), aJob({ nextAttemptAt: t(2) }), aJob({ nextAttemptAt: t(3) })]);
      expect(await deliveries.claimDue(t(10), t(20), 2)).toHaveLength(2);
      expect(await deliveries.claimDue(t(10), t(20), 0)).toEqual([]);
    });

    it('reschedules a job with its tries counted, and completes it for good', async () => {
      const job = aJob({ nextAttemptAt: t(1) });
      await deliveries.enqueue([job]);
      await deliveries.claimDue(t(1), t(61), 5);
      await deliveries.reschedule(job.id, 1, t(11));
      expect(await deliveries.nextDueAt()).toEqual(t(11));
      const [again] = await deliveries.claimDue(t(11), t(71), 5);
      expect(again).toMatchObject({ id: job.id, attempts: 1 });
      await deliveries.complete(job.id);
      expect(await deliveries.nextDueAt()).toBeNull();
      expect(await deliveries.claimDue(t(1000), t(2000), 5)).toEqual([]);
    });

    it('logs attempts newest first and keeps only the newest of each webhook', async () => {
      const mine = Array.from({ length: 7 }, (_, i) => anAttempt({ webhookId: 'w-1', at: t(i), ok: i % 2 === 0, status: i % 2 === 0 ? 200 : null, error: i % 2 === 0 ? null : 'timed out', willRetry: i % 2 === 1 }));
      const other = anAttempt({ webhookId: 'w-2', test: true, alertId: null });
      for (const a of mine) await deliveries.recordAttempt(a, 5);
      await deliveries.recordAttempt(other, 5);
      expect(await deliveries.listAttempts('w-1', 50)).toEqual(mine.slice(2).reverse());
      expect(await deliveries.listAttempts('w-1', 2)).toEqual([mine[6], mine[5]]);
      expect(await deliveries.listAttempts('w-2', 50)).toEqual([other]);
      expect(await deliveries.listAttempts(SMUGGLED_OPERATOR, 50)).toEqual([]);
    });

    it('forgets a deleted webhook’s jobs and log, and nothing else', async () => {
      await deliveries.enqueue([aJob({ webhookId: 'w-1', nextAttemptAt: t(1) }), aJob({ webhookId: 'w-2', nextAttemptAt: t(2) })]);
      await deliveries.recordAttempt(anAttempt({ webhookId: 'w-1' }), 50);
      await deliveries.recordAttempt(anAttempt({ webhookId: 'w-2' }), 50);
      await deliveries.deleteByWebhook('w-1');
      expect((await deliveries.claimDue(t(10), t(20), 10)).map((j) => j.webhookId)).toEqual(['w-2']);
      expect(await deliveries.listAttempts('w-1', 50)).toEqual([]);
      expect(await deliveries.listAttempts('w-2', 50)).toHaveLength(1);
    });
  });
}

/** The behaviour every PushSubscriptionRepository adapter must show. */
export function describePushSubscriptionRepositoryContract(adapter: string, factory: RepositoryFactory<PushSubscriptionRepository>): void {
  describe(`PushSubscriptionRepository contract: ${adapter}`, () => {
    let subscriptions: PushSubscriptionRepository;
    beforeEach(async () => {
      subscriptions = await factory();
    });

    it('returns a saved subscription intact and lists per user and all, oldest first', async () => {
      const a = aPushSubscription({ userId: 'ann', filters: { cameraIds: ['c-1'], personIds: [], unknownOnly: true, kinds: ['face', 'object'] } });
      const b = aPushSubscription({ userId: 'bob' });
      const c = aPushSubscription({ userId: 'ann' });
      for (const s of [c, a, b]) await subscriptions.save(s);
      expect(await subscriptions.findById(a.id)).toEqual(a);
      expect(await subscriptions.listByUser('ann')).toEqual([a, c]);
      expect(await subscriptions.listAll()).toEqual([a, b, c]);
    });

    it('replaces the subscription of the same endpoint, even another user’s', async () => {
      const first = aPushSubscription({ userId: 'ann', endpoint: 'https://push.example.com/same' });
      const again = aPushSubscription({ userId: 'bob', endpoint: 'https://push.example.com/same' });
      await subscriptions.save(first);
      await subscriptions.save(again);
      expect(await subscriptions.listAll()).toEqual([again]);
      const updated = { ...again, filters: { ...again.filters, unknownOnly: true } };
      await subscriptions.save(updated);
      expect(await subscriptions.listAll()).toEqual([updated]);
    });

    it('deletes one subscription and never reads an operator as a query', async () => {
      const a = aPushSubscription();
      await subscriptions.save(a);
      expect(await subscriptions.findById(SMUGGLED_OPERATOR)).toBeNull();
      expect(await subscriptions.listByUser(SMUGGLED_OPERATOR)).toEqual([]);
      expect(await subscriptions.delete(SMUGGLED_OPERATOR)).toBe(false);
      expect(await subscriptions.delete(a.id)).toBe(true);
      expect(await subscriptions.delete(a.id)).toBe(false);
      expect(await subscriptions.listAll()).toEqual([]);
    });
  });
}
