import { toAlertView, type Alert } from '../alerts/alert';
import { ValidationError, NotFoundError } from '../shared/errors';
import { FakeClock, InMemoryCameras, InMemoryUsers, SequentialIds } from '../testing/fakes';
import { ManualTimers, settle } from '../testing/manual-timers';
import { aCamera, aPrincipal, aUser } from '../testing/builders';
import { InMemoryPeople } from '../testing/people-fakes';
import { aPerson } from '../testing/people-builders';
import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelay } from './delivery-policy';
import { NotificationDispatcher, pushMessage } from './notification-dispatcher';
import {
  InMemoryDeliveries,
  InMemoryPushSubscriptions,
  InMemoryWebhooks,
  RecordingBroadcaster,
  RecordingPushSender,
  ScriptedWebhookSender,
} from '../testing/notification-fakes';
import { NO_FILTERS, parseFilters, passesFilters } from './notification-filters';
import { ManageWebhooks } from './use-cases/manage-webhooks';
import { WebhookDeliveryWorker } from './webhook-delivery-worker';

const anAlert = (overrides: Partial<Alert> = {}): Alert => ({
  alertId: 'a-1',
  cameraId: 'c1',
  timestamp: new Date('2026-01-01T10:00:00Z'),
  bbox: { x: 1, y: 2, width: 3, height: 4 },
  snapshotUrl: null,
  snapshotKey: 'snap-1',
  meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 },
  createdAt: new Date('2026-01-01T10:00:00Z'),
  ...overrides,
});

describe('notification filters', () => {
  const ada = { id: 'p-ada', name: 'Ada', similarity: 0.8 };
  it('pass everything when empty, and narrow by camera, person, stranger and kind', () => {
    expect(passesFilters(NO_FILTERS, anAlert())).toBe(true);
    expect(passesFilters({ ...NO_FILTERS, cameraIds: ['c2'] }, anAlert())).toBe(false);
    expect(passesFilters({ ...NO_FILTERS, personIds: ['p-ada'] }, anAlert({ person: ada }))).toBe(true);
    expect(passesFilters({ ...NO_FILTERS, personIds: ['p-ada'] }, anAlert({ person: null }))).toBe(false);
    expect(passesFilters({ ...NO_FILTERS, unknownOnly: true }, anAlert({ person: null }))).toBe(true);
    expect(passesFilters({ ...NO_FILTERS, unknownOnly: true }, anAlert({ person: ada }))).toBe(false);
    // Recognition did not run: not known to be a stranger.
    expect(passesFilters({ ...NO_FILTERS, unknownOnly: true }, anAlert())).toBe(false);
    expect(passesFilters({ ...NO_FILTERS, personIds: ['p-ada'], unknownOnly: true }, anAlert({ person: null }))).toBe(true);
    expect(passesFilters({ ...NO_FILTERS, kinds: ['object'] }, anAlert())).toBe(false);
    expect(passesFilters({ ...NO_FILTERS, kinds: ['face'] }, anAlert())).toBe(true);
  });

  it('refuse malformed lists with a message naming the field', () => {
    expect(() => parseFilters({ cameraIds: 'c1' })).toThrow(new ValidationError('cameraIds must be an array of ids'));
    expect(() => parseFilters({ personIds: [{ $gt: '' }] })).toThrow(/personIds must hold id strings/);
    expect(() => parseFilters({ kinds: ['car'] })).toThrow(/kinds must be an array of face, object/);
    expect(() => parseFilters({ unknownOnly: 'yes' })).toThrow(/unknownOnly must be a boolean/);
    expect(parseFilters({ cameraIds: ['c1', 'c1'] }).cameraIds).toEqual(['c1']);
  });
});

describe('webhook retry policy', () => {
  it('tries at least 5 times over at least 2 minutes, then gives up', () => {
    let total = 0;
    for (let attempt = 1; attempt < WEBHOOK_MAX_ATTEMPTS; attempt++) total += webhookRetryDelay(attempt) as number;
    expect(WEBHOOK_MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
    expect(total).toBeGreaterThanOrEqual(120_000);
    expect(webhookRetryDelay(WEBHOOK_MAX_ATTEMPTS)).toBeNull();
  });
});

function world() {
  const clock = new FakeClock();
  const ids = new SequentialIds();
  const users = new InMemoryUsers();
  const cameras = new InMemoryCameras();
  const persons = new InMemoryPeople();
  const webhooks = new InMemoryWebhooks();
  const deliveries = new InMemoryDeliveries();
  const pushSubscriptions = new InMemoryPushSubscriptions();
  const push = new RecordingPushSender((s) => (s.endpoint.includes('gone') ? { outcome: 'gone' } : { outcome: 'sent' }));
  const mqtt = new RecordingBroadcaster();
  let queued = 0;
  const dispatcher = new NotificationDispatcher({
    cameras, users, webhooks, deliveries, pushSubscriptions, push, broadcasters: [mqtt], ids, clock,
    render: (alert, userId, target) => toAlertView(alert, (key) => `${target === 'webhook' ? 'https://argus.test' : ''}/snap/${key}?u=${userId}`),
    queued: () => queued++,
    log: { warn: () => undefined },
  });
  return { clock, ids, users, cameras, persons, webhooks, deliveries, pushSubscriptions, push, mqtt, dispatcher, queued: () => queued };
}

describe('NotificationDispatcher', () => {
  it('queues a webhook delivery only for owners who may see the camera and whose filters pass', async () => {
    const w = world();
    for (const [id, role] of [['u-owner', 'operator'], ['u-viewer', 'viewer'], ['u-other', 'operator'], ['u-admin', 'admin']] as const) {
      await w.users.create(aUser({ id, username: id, role }));
    }
    await w.cameras.create(aCamera({ id: 'c1', ownerId: 'u-owner', viewerIds: ['u-viewer'] }));
    const hook = (id: string, ownerId: string, filters = NO_FILTERS) => w.webhooks.create({ id, ownerId, url: 'http://x/', secret: null, filters, createdAt: w.clock.now() });
    await hook('w-owner', 'u-owner');
    await hook('w-viewer', 'u-viewer');
    await hook('w-other', 'u-other');
    await hook('w-admin', 'u-admin');
    await hook('w-elsewhere', 'u-admin', { ...NO_FILTERS, cameraIds: ['c9'] });
    await hook('w-deleted-user', 'u-deleted');
    await w.dispatcher.alertRaised(anAlert());
    expect(w.deliveries.jobs.map((j) => j.webhookId)).toEqual(['w-owner', 'w-viewer', 'w-admin']);
    // The webhook of a user who no longer exists went with them.
    expect(w.webhooks.rows.map((h) => h.id)).toEqual(['w-owner', 'w-viewer', 'w-other', 'w-admin', 'w-elsewhere']);
    expect(JSON.parse(w.deliveries.jobs[0].body)).toMatchObject({ alertId: 'a-1', cameraId: 'c1', snapshotUrl: 'https://argus.test/snap/snap-1?u=u-owner' });
    expect(w.queued()).toBe(1);
    expect(w.mqtt.events).toEqual([['alert', 'c1/a-1']]);
  });

  it('pushes to visible subscriptions and removes the ones the push service says are gone', async () => {
    const w = world();
    await w.users.create(aUser({ id: 'u-owner', role: 'operator' }));
    await w.cameras.create(aCamera({ id: 'c1', name: 'Gate', ownerId: 'u-owner' }));
    const sub = (id: string, endpoint: string, userId = 'u-owner') =>
      w.pushSubscriptions.save({ id, userId, endpoint, keys: { p256dh: 'k', auth: 'a' }, filters: NO_FILTERS, createdAt: w.clock.now() });
    await sub('s-1', 'https://push/ok');
    await sub('s-2', 'https://push/gone');
    await sub('s-3', 'https://push/stranger', 'u-nobody');
    await w.dispatcher.alertRaised(anAlert({ person: { id: 'p', name: 'Ada', similarity: 0.9 } }));
    expect(w.push.sent.map((s) => s.subscription.id)).toEqual(['s-1', 's-2']);
    expect(w.push.sent[0].message).toMatchObject({ title: 'Ada at Gate', image: '/snap/snap-1?u=u-owner', url: '/alerts?alert=a-1' });
    // s-2: gone at the push service; s-3: its user was deleted.
    expect(w.pushSubscriptions.rows.map((s) => s.id)).toEqual(['s-1']);
  });

  it('names an unknown face, and an object by its label', () => {
    expect(pushMessage(anAlert({ person: null }), { name: 'Gate', location: 'Yard' }, toAlertView(anAlert())).title).toBe('Unknown face at Gate');
    const car = anAlert({ kind: 'object', label: 'car' });
    expect(pushMessage(car, { name: 'Drive', location: '' }, toAlertView(car)).title).toBe('Car at Drive');
  });
});

describe('WebhookDeliveryWorker', () => {
  function workerWorld(results: Array<{ ok: boolean; status: number | null; error: string | null }>) {
    const w = world();
    const timers = new ManualTimers(w.clock);
    const sender = new ScriptedWebhookSender(results.map((r) => ({ ...r, durationMs: 3 })));
    const worker = new WebhookDeliveryWorker({ webhooks: w.webhooks, deliveries: w.deliveries, sender, ids: w.ids, clock: w.clock, timers, log: { warn: () => undefined } });
    return { ...w, timers, sender, worker };
  }

  it('retries a failing receiver with doubling waits, logs each try, and gives up after the last', async () => {
    const w = workerWorld([{ ok: false, status: 500, error: 'HTTP 500' }]);
    await w.webhooks.create({ id: 'w-1', ownerId: 'u', url: 'http://x/', secret: 's', filters: NO_FILTERS, createdAt: w.clock.now() });
    await w.deliveries.enqueue([{ id: 'j-1', webhookId: 'w-1', alertId: 'a-1', body: '{}', attempts: 0, nextAttemptAt: w.clock.now(), createdAt: w.clock.now() }]);
    w.worker.start();
    await settle(10);
    for (let i = 0; i < 120; i++) {
      w.timers.advance(5_000);
      await settle(10);
    }
    expect(w.sender.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    const log = await w.deliveries.listAttempts('w-1', 50);
    expect(log.map((a) => a.attempt)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(log.map((a) => a.willRetry)).toEqual([false, true, true, true, true, true]);
    const spanMs = log[0].at.getTime() - log[5].at.getTime();
    expect(spanMs).toBeGreaterThanOrEqual(120_000);
    expect(w.deliveries.jobs).toEqual([]);
    await w.worker.stop();
  });

  it('stops retrying once the receiver answers, and tries a test delivery once', async () => {
    const w = workerWorld([{ ok: false, status: null, error: 'timed out' }, { ok: true, status: 200, error: null }]);
    await w.webhooks.create({ id: 'w-1', ownerId: 'u', url: 'http://x/', secret: null, filters: NO_FILTERS, createdAt: w.clock.now() });
    await w.deliveries.enqueue([{ id: 'j-1', webhookId: 'w-1', alertId: 'a-1', body: '{}', attempts: 0, nextAttemptAt: w.clock.now(), createdAt: w.clock.now() }]);
    w.worker.start();
    await settle(10);
    w.timers.advance(60_000);
    await settle(10);
    expect((await w.deliveries.listAttempts('w-1', 50)).map((a) => a.ok)).toEqual([true, false]);
    expect(w.deliveries.jobs).toEqual([]);
    await w.worker.stop();

    const t = workerWorld([{ ok: false, status: 500, error: 'HTTP 500' }]);
    await t.webhooks.create({ id: 'w-1', ownerId: 'u', url: 'http://x/', secret: null, filters: NO_FILTERS, createdAt: t.clock.now() });
    await t.deliveries.enqueue([{ id: 'j-1', webhookId: 'w-1', alertId: null, body: '{}', attempts: 0, nextAttemptAt: t.clock.now(), createdAt: t.clock.now() }]);
    t.worker.start();
    await settle(10);
    t.timers.advance(600_000);
    await settle(10);
    expect(t.sender.requests).toHaveLength(1);
    expect(await t.deliveries.listAttempts('w-1', 50)).toMatchObject([{ test: true, ok: false, willRetry: false }]);
    await t.worker.stop();
  });
});

describe('ManageWebhooks', () => {
  function manage() {
    const w = world();
    const webhooks = new ManageWebhooks({ ...w, checkAddress: () => undefined, queued: () => undefined });
    return { ...w, manage: webhooks };
  }
  const owner = aPrincipal('operator', 'u-owner');
  const other = aPrincipal('operator', 'u-other');

  it('refuses ids the caller cannot name, and hides other users’ webhooks as missing', async () => {
    const w = manage();
    await w.cameras.create(aCamera({ id: 'c1', ownerId: 'u-owner', viewerIds: [] }));
    await w.persons.create(aPerson({ id: 'p-1', name: 'Ada' }));
    await expect(w.manage.create(owner, { url: 'ftp://x/' })).rejects.toThrow('url must be an http or https URL');
    await expect(w.manage.create(other, { url: 'http://x/', cameraIds: ['c1'] })).rejects.toThrow('cameraIds: no camera "c1"');
    await expect(w.manage.create(owner, { url: 'http://x/', personIds: ['p-2'] })).rejects.toThrow('personIds: no person "p-2"');
    const hook = await w.manage.create(owner, { url: 'http://x/', secret: 'shh', cameraIds: ['c1'], personIds: ['p-1'] });
    expect(hook).toMatchObject({ url: 'http://x/', hasSecret: true, cameraIds: ['c1'], personIds: ['p-1'], unknownOnly: false, kinds: [] });
    expect(hook).not.toHaveProperty('secret');
    await expect(w.manage.delete(other, hook.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.manage.test(other, hook.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.manage.deliveries(other, hook.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await w.manage.list(other)).toEqual([]);
    await w.manage.delete(owner, hook.id);
    expect(await w.manage.list(owner)).toEqual([]);
  });
});
