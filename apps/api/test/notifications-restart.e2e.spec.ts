import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, loadSecrets } from '@argus/config';
import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { startWebhookReceiver, type WebhookReceiver } from '@argus/tools/testing/notifications/webhook-receiver';
import { createArgusApp } from '../src/app.factory';
import { ADMIN, ALERT_TOKEN, JWT_SECRET, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

/** Argus on a database file in DATA_DIR, so a second start finds what the first left. */
async function startOn(dataDir: string): Promise<INestApplication> {
  const config = loadConfig({
    DATA_DIR: dataDir, PORT: '0', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, ALERT_POST_AUTH_TOKEN: ALERT_TOKEN,
    JWT_SECRET, LOG_LEVEL: 'silent', WEB_ROOT: '', PATH: process.env['PATH'] ?? '',
  });
  const app = await createArgusApp({ config, secrets: loadSecrets(config), sqliteFile: join(dataDir, 'argus.db') });
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('notifications: webhook deliveries survive a restart', () => {
  let dataDir: string;
  let receiver: WebhookReceiver;
  let app: INestApplication | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'argus-restart-'));
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await app?.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a delivery that failed before the restart is retried after it, from the database; the VAPID keys stay', async () => {
    app = await startOn(dataDir);
    let server = app.getHttpServer();
    const http = () => request(server);
    const token = (await http().post('/api/auth/login').send(ADMIN).expect(200)).body.token;
    const key = (await http().get('/api/notifications/push/key').set(bearer(token)).expect(200)).body.publicKey;
    const cam = (await http().post('/api/cameras').set(bearer(token)).send(cameraBody()).expect(201)).body.id;
    receiver.behave('/flaky', { status: 503 });
    const hook = (await http().post('/api/notifications/webhooks').set(bearer(token)).send({ url: `${receiver.url}/flaky` }).expect(201)).body.id;
    const alertId = (await http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: cam, bbox: { x: 1, y: 1, width: 9, height: 9 } }).expect(201)).body.alertId;
    await receiver.waitFor(1, 10_000, '/flaky');
    const logged = async (count: number) => {
      for (let i = 0; i < 1000; i++) {
        const log = (await http().get(`/api/notifications/webhooks/${hook}/deliveries`).set(bearer(token)).expect(200)).body;
        if (log.length >= count) return log;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`fewer than ${count} attempts logged`);
    };
    expect((await logged(1))[0]).toMatchObject({ alertId, attempt: 1, ok: false, status: 503, willRetry: true });
    await app.close();
    app = null;

    // The receiver is fixed while Argus is down; the retry (10 s after the first try) comes from the new process.
    receiver.behave('/flaky', { status: 204 });
    app = await startOn(dataDir);
    server = app.getHttpServer();
    const [, second] = await receiver.waitFor(2, 20_000, '/flaky');
    // The VAPID key pair was made once: browsers' subscriptions stay valid.
    const again = (await http().post('/api/auth/login').send(ADMIN).expect(200)).body.token;
    expect((await http().get('/api/notifications/push/key').set(bearer(again)).expect(200)).body.publicKey).toBe(key);
    expect(statSync(join(dataDir, 'vapid.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(second.body).alertId).toBe(alertId);
    expect((await logged(2)).map((a: { attempt: number; ok: boolean }) => [a.attempt, a.ok])).toEqual([[2, true], [1, false]]);
  }, 40_000);
});

describe('notifications on MongoDB (wire-protocol test double)', () => {
  let mongo: MongoWireServer;
  let t: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    mongo = await startMongoWireServer();
    t = await startTestApp({ MONGODB_URI: `${mongo.uri}argus-notifications` });
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await mongo?.stop();
  });

  it('keeps webhooks, their queue and log, and push subscriptions in MongoDB', async () => {
    const cam = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    const hook = (await t.http().post('/api/notifications/webhooks').set(bearer(t.adminToken)).send({ url: `${receiver.url}/mongo`, secret: 's3cret' }).expect(201)).body;
    const alertId = (await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: cam, bbox: { x: 1, y: 1, width: 9, height: 9 } }).expect(201)).body.alertId;
    const [got] = await receiver.waitFor(1, 10_000, '/mongo');
    expect(JSON.parse(got.body).alertId).toBe(alertId);
    expect(got.headers['x-argus-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    for (let i = 0; i < 200; i++) {
      const log = (await t.http().get(`/api/notifications/webhooks/${hook.id}/deliveries`).set(bearer(t.adminToken)).expect(200)).body;
      if (log.length > 0) {
        expect(log[0]).toMatchObject({ alertId, ok: true, status: 200 });
        break;
      }
      if (i === 199) throw new Error('no delivery logged');
      await new Promise((r) => setTimeout(r, 25));
    }
    const subscription = { endpoint: 'https://push.example.com/send/1', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } };
    await t.http().post('/api/notifications/push/subscriptions').set(bearer(t.adminToken)).send(subscription).expect(201);
    expect((await t.http().get('/api/notifications/push/subscriptions').set(bearer(t.adminToken)).expect(200)).body).toHaveLength(1);
  });
});
