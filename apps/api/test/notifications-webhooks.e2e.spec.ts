import { createHmac } from 'node:crypto';
import { startWebhookReceiver, type WebhookReceiver } from '@argus/tools/testing/notifications/webhook-receiver';
import { RecordAlert, type CameraRepository, type SnapshotStore } from '@argus/domain';
import { CAMERA_REPOSITORY } from '../src/persistence/tokens';
import { SNAPSHOT_STORE } from '../src/snapshots/snapshot-store.token';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

const bbox = { x: 10, y: 20, width: 30, height: 40 };

describe('notifications: webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let owner: { id: string; token: string };
  let viewer: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cam: string;
  let otherCam: string;
  beforeAll(async () => {
    t = await startTestApp();
    receiver = await startWebhookReceiver();
    owner = await t.user('operator');
    viewer = await t.user('viewer');
    stranger = await t.user('operator');
    cam = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ name: 'Gate' }))).body.id;
    otherCam = (await t.http().post('/api/cameras').set(bearer(stranger.token)).send(cameraBody({ name: 'Other' }))).body.id;
    await t.http().put(`/api/cameras/${cam}/viewers`).set(bearer(owner.token)).send({ userIds: [viewer.id] }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const hooks = (token: string) => t.http().post('/api/notifications/webhooks').set(bearer(token));
  const alert = (cameraId: string) => t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox }).expect(201);
  const deliveries = async (token: string, id: string, count: number) => {
    for (let i = 0; i < 500; i++) {
      const res = await t.http().get(`/api/notifications/webhooks/${id}/deliveries`).set(bearer(token)).expect(200);
      if (res.body.length >= count) return res.body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`fewer than ${count} deliveries logged`);
  };

  it('delivers each alert the owner may see as signed JSON, logs it, and never returns the secret', async () => {
    const created = await hooks(owner.token).send({ url: `${receiver.url}/owner`, secret: 'shared-secret' }).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String), url: `${receiver.url}/owner`, hasSecret: true, cameraIds: [], personIds: [], unknownOnly: false, kinds: [], createdAt: expect.any(String),
    });
    const viewerHook = await hooks(viewer.token).send({ url: `${receiver.url}/viewer` }).expect(201);
    const posted = await alert(cam);
    await alert(otherCam);
    const [got] = await receiver.waitFor(1, 10_000, '/owner');
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({ alertId: posted.body.alertId, cameraId: cam, bbox });
    expect(got.headers['x-argus-signature']).toBe('sha256=' + createHmac('sha256', 'shared-secret').update(got.body).digest('hex'));
    const [viewerGot] = await receiver.waitFor(1, 10_000, '/viewer');
    expect(viewerGot.headers).not.toHaveProperty('x-argus-signature');
    const log = await deliveries(owner.token, created.body.id, 1);
    expect(log[0]).toMatchObject({ alertId: posted.body.alertId, test: false, attempt: 1, ok: true, status: 200, error: null, willRetry: false });
    // The other camera's alert went to nobody here.
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => JSON.parse(r.body).cameraId === otherCam)).toEqual([]);
    const listed = await t.http().get('/api/notifications/webhooks').set(bearer(owner.token)).expect(200);
    expect(listed.body).toEqual([created.body]);
    expect(JSON.stringify(listed.body)).not.toContain('shared-secret');
    await t.http().delete(`/api/notifications/webhooks/${created.body.id}`).set(bearer(owner.token)).expect(204);
    await t.http().delete(`/api/notifications/webhooks/${viewerHook.body.id}`).set(bearer(viewer.token)).expect(204);
  });

  it('passes only the alerts the filters name', async () => {
    const res = await hooks(owner.token).send({ url: `${receiver.url}/filtered`, cameraIds: [cam], unknownOnly: true }).expect(201);
    await alert(cam); // recognition did not run for this outside alert: not known to be a stranger
    const other = await hooks(owner.token).send({ url: `${receiver.url}/faces`, cameraIds: [cam], kinds: ['face'] }).expect(201);
    await alert(cam);
    await receiver.waitFor(1, 10_000, '/faces');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === '/filtered')).toEqual([]);
    for (const id of [res.body.id, other.body.id]) await t.http().delete(`/api/notifications/webhooks/${id}`).set(bearer(owner.token)).expect(204);
  });

  it('sends the pipeline’s alerts with their identity, to the webhooks whose people filters pass', async () => {
    const ada = (await t.http().post('/api/people').set(bearer(owner.token)).send({ name: 'Ada', alert: true }).expect(201)).body.id;
    const adaHook = (await hooks(owner.token).send({ url: `${receiver.url}/ada`, personIds: [ada] }).expect(201)).body.id;
    const strangers = (await hooks(owner.token).send({ url: `${receiver.url}/strangers`, unknownOnly: true }).expect(201)).body.id;
    // What the camera pipeline does once a track's identity is decided: record the alert with it.
    const camera = await t.app.get<symbol, CameraRepository>(CAMERA_REPOSITORY).findById(cam);
    if (!camera) throw new Error('camera gone');
    const snapshotKey = await t.app.get<symbol, SnapshotStore>(SNAPSHOT_STORE).save(cam, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    const record = (person: { id: string; name: string; similarity: number } | null, unknownId: string | null) =>
      t.app.get(RecordAlert).record(camera, {
        timestamp: new Date(), bbox, snapshotUrl: null, snapshotKey, meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 }, person, unknownId,
      });
    const known = await record({ id: ada, name: 'Ada', similarity: 0.97 }, null);
    const stranger = await record(null, 'unknown-7');
    const [toAda] = await receiver.waitFor(1, 10_000, '/ada');
    const [toStrangers] = await receiver.waitFor(1, 10_000, '/strangers');
    expect(JSON.parse(toAda.body)).toMatchObject({ alertId: known.alertId, person: { id: ada, name: 'Ada', similarity: 0.97 }, unknownId: null });
    expect(JSON.parse(toAda.body).snapshotUrl).toMatch(new RegExp(`^/api/snapshots/.*\\?u=${owner.id}&exp=\\d+&sig=`));
    expect(JSON.parse(toStrangers.body)).toMatchObject({ alertId: stranger.alertId, person: null, unknownId: 'unknown-7' });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === '/ada' || r.path === '/strangers')).toHaveLength(2);
    // The signed snapshot link opens for the webhook's owner.
    await t.http().get(JSON.parse(toAda.body).snapshotUrl).expect(200);
    for (const id of [adaHook, strangers]) await t.http().delete(`/api/notifications/webhooks/${id}`).set(bearer(owner.token)).expect(204);
  });

  it('sends a test delivery on request and logs failures: a 500 and a redirect elsewhere', async () => {
    receiver.behave('/broken', { status: 500 });
    receiver.behave('/moved', { redirect: 'http://example.com/elsewhere' });
    const broken = (await hooks(owner.token).send({ url: `${receiver.url}/broken`, secret: 's' }).expect(201)).body.id;
    const moved = (await hooks(owner.token).send({ url: `${receiver.url}/moved` }).expect(201)).body.id;
    await t.http().post(`/api/notifications/webhooks/${broken}/test`).set(bearer(owner.token)).expect(202);
    await t.http().post(`/api/notifications/webhooks/${moved}/test`).set(bearer(owner.token)).expect(202);
    expect((await deliveries(owner.token, broken, 1))[0]).toMatchObject({ test: true, alertId: null, ok: false, status: 500, error: 'HTTP 500', willRetry: false });
    expect((await deliveries(owner.token, moved, 1))[0]).toMatchObject({ ok: false, status: 307, error: 'redirect to http://example.com/elsewhere not followed' });
    const [test] = (await receiver.waitFor(1, 5000, '/broken')).map((r) => JSON.parse(r.body));
    expect(test).toMatchObject({ test: true, webhookId: broken });
    // An alert to a failing receiver is logged as failed and will be tried again.
    await alert(cam);
    const log = await deliveries(owner.token, broken, 2);
    expect(log[0]).toMatchObject({ test: false, attempt: 1, ok: false, status: 500, willRetry: true });
    for (const id of [broken, moved]) await t.http().delete(`/api/notifications/webhooks/${id}`).set(bearer(owner.token)).expect(204);
  });

  it('gives up on a receiver that does not answer within 5 s, and logs why', async () => {
    receiver.behave('/silent', { hang: true });
    const silent = (await hooks(owner.token).send({ url: `${receiver.url}/silent` }).expect(201)).body.id;
    await t.http().post(`/api/notifications/webhooks/${silent}/test`).set(bearer(owner.token)).expect(202);
    const [entry] = await deliveries(owner.token, silent, 1);
    expect(entry).toMatchObject({ ok: false, status: null, error: 'timed out after 5 s' });
    expect(entry.durationMs).toBeGreaterThanOrEqual(5000);
    await t.http().delete(`/api/notifications/webhooks/${silent}`).set(bearer(owner.token)).expect(204);
  }, 20_000);

  it('hides another user’s webhook as missing (404) for delete, test and deliveries', async () => {
    const mine = (await hooks(owner.token).send({ url: `${receiver.url}/mine` }).expect(201)).body.id;
    expect((await t.http().get(`/api/notifications/webhooks/${mine}`).set(bearer(owner.token)).expect(200)).body).toMatchObject({ id: mine, url: `${receiver.url}/mine` });
    await t.http().get(`/api/notifications/webhooks/${mine}`).set(bearer(stranger.token)).expect(404);
    await t.http().delete(`/api/notifications/webhooks/${mine}`).set(bearer(stranger.token)).expect(404);
    await t.http().post(`/api/notifications/webhooks/${mine}/test`).set(bearer(stranger.token)).expect(404);
    await t.http().get(`/api/notifications/webhooks/${mine}/deliveries`).set(bearer(stranger.token)).expect(404);
    await t.http().post(`/api/notifications/webhooks/${mine}/test`).set(bearer(t.adminToken)).expect(404);
    expect((await t.http().get('/api/notifications/webhooks').set(bearer(stranger.token)).expect(200)).body).toEqual([]);
    await t.http().delete('/api/notifications/webhooks/nope').set(bearer(owner.token)).expect(404);
    await t.http().delete(`/api/notifications/webhooks/${mine}`).set(bearer(owner.token)).expect(204);
    await t.http().get('/api/notifications/webhooks').expect(401);
  });

  it.each([
    ['a non-http URL', { url: 'ftp://example.com/hook' }, /url must be an http or https URL/],
    ['a javascript URL', { url: 'javascript:alert(1)' }, /url must be an http or https URL/],
    ['not a URL', { url: 'example.com/hook' }, /url must be an http or https URL/],
    ['credentials in the URL', { url: 'https://user:pw@example.com/hook' }, /url must not carry a user name or password/],
    ['an over-long URL', { url: `https://example.com/${'a'.repeat(2100)}` }, /url must be shorter than or equal to 2048 characters/],
    ['a URL as an object', { url: { $gt: '' } }, /url must be a string/],
    ['an over-long secret', { url: 'https://example.com/', secret: 'x'.repeat(257) }, /secret must be shorter than or equal to 256 characters/],
    ['an unknown camera id', { url: 'https://example.com/', cameraIds: ['no-such-camera'] }, /cameraIds: no camera "no-such-camera"/],
    ['another user’s camera', { url: 'https://example.com/', cameraIds: ['OTHER_CAM'] }, /cameraIds: no camera/],
    ['an unknown person id', { url: 'https://example.com/', personIds: ['no-such-person'] }, /personIds: no person "no-such-person"/],
    ['cameraIds not a list', { url: 'https://example.com/', cameraIds: 'CAM' }, /cameraIds must be an array/],
    ['an unknown kind', { url: 'https://example.com/', kinds: ['car'] }, /each value in kinds must be one of/],
    ['unknownOnly not a boolean', { url: 'https://example.com/', unknownOnly: 'yes' }, /unknownOnly must be a boolean/],
    ['an unknown field', { url: 'https://example.com/', events: ['alert'] }, /property events should not exist/],
  ])('refuses %s with 400', async (_label, body, message) => {
    const fixed = JSON.parse(JSON.stringify(body).replace('OTHER_CAM', otherCam));
    const res = await hooks(owner.token).send(fixed).expect(400);
    expect([res.body.message, ...(res.body.errors ?? [])].join(' | ')).toMatch(message);
  });
});

describe('notifications: webhooks with WEBHOOK_ALLOW_PRIVATE=false', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'false' })));
  afterAll(() => t.close());

  it.each(['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.0.0.5/hook', 'http://192.168.1.20:8123/api/webhook/x', 'http://[::1]/hook', 'http://169.254.169.254/latest'])(
    'refuses %s',
    async (url) => {
      const res = await t.http().post('/api/notifications/webhooks').set(bearer(t.adminToken)).send({ url }).expect(400);
      expect(res.body.message).toMatch(/is a private or loopback address, which this installation does not deliver to/);
    },
  );

  it('accepts a public address', async () => {
    await t.http().post('/api/notifications/webhooks').set(bearer(t.adminToken)).send({ url: 'https://hooks.example.com/argus' }).expect(201);
  });
});

describe('notifications: webhooks with PUBLIC_URL', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://argus.example.com/cams/' });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('gives webhooks an absolute snapshot link on that address', async () => {
    const cam = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    await t.http().post('/api/notifications/webhooks').set(bearer(t.adminToken)).send({ url: `${receiver.url}/abs` }).expect(201);
    const camera = await t.app.get<symbol, CameraRepository>(CAMERA_REPOSITORY).findById(cam);
    if (!camera) throw new Error('camera gone');
    const snapshotKey = await t.app.get<symbol, SnapshotStore>(SNAPSHOT_STORE).save(cam, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    await t.app.get(RecordAlert).record(camera, { timestamp: new Date(), bbox, snapshotUrl: null, snapshotKey, meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 } });
    const [got] = await receiver.waitFor(1, 10_000, '/abs');
    const link = JSON.parse(got.body).snapshotUrl as string;
    expect(link).toMatch(/^https:\/\/argus\.example\.com\/cams\/api\/snapshots\/.+\?u=.+&exp=\d+&sig=/);
    // The same link without the public prefix opens on this server.
    await t.http().get(link.replace('https://argus.example.com/cams', '')).expect(200);
  });
});
