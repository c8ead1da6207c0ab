import mqtt from 'mqtt';
import { validateDiscovery } from '@argus/tools/testing/notifications/ha-discovery-schema';
import { MOSQUITTO_MISSING, startMqttBroker, type MqttBroker } from '@argus/tools/testing/notifications/mqtt-broker';
import { startPushReceiver, type PushReceiver } from '@argus/tools/testing/notifications/push-receiver';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

const bbox = { x: 10, y: 20, width: 30, height: 40 };

describe('notifications: Web Push', () => {
  let t: TestApp;
  let push: PushReceiver;
  let owner: { id: string; token: string };
  let stranger: { id: string; token: string };
  let cam: string;
  beforeAll(async () => {
    t = await startTestApp();
    push = await startPushReceiver();
    owner = await t.user('operator');
    stranger = await t.user('operator');
    cam = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ name: 'Back yard', location: 'Garden' }))).body.id;
  });
  afterAll(async () => {
    await t.close();
    await push.close();
  });
  const subscribe = (token: string, body: object) => t.http().post('/api/notifications/push/subscriptions').set(bearer(token)).send(body);

  it('gives the VAPID key, kept across calls', async () => {
    const a = await t.http().get('/api/notifications/push/key').set(bearer(owner.token)).expect(200);
    expect(a.body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect((await t.http().get('/api/notifications/push/key').set(bearer(stranger.token))).body).toEqual(a.body);
  });

  it('pushes an encrypted notification naming the camera to the owner’s browser, and drops a gone one', async () => {
    const browser = push.subscription('owner-phone');
    const sub = await subscribe(owner.token, browser).expect(201);
    expect(sub.body).toMatchObject({ id: expect.any(String), endpoint: browser.endpoint, cameraIds: [], unknownOnly: false });
    push.answerWith('owner-old', 410);
    await subscribe(owner.token, push.subscription('owner-old')).expect(201);
    await subscribe(stranger.token, push.subscription('stranger')).expect(201);
    const alertId = (await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: cam, bbox }).expect(201)).body.alertId;
    const [got] = await push.waitFor(1);
    expect(got.path).toBe('/push/owner-phone');
    expect(JSON.parse(got.text)).toMatchObject({ title: 'Face at Back yard', url: `/alerts?alert=${alertId}`, alertId, cameraId: cam });
    for (let i = 0; i < 200; i++) {
      const mine = (await t.http().get('/api/notifications/push/subscriptions').set(bearer(owner.token)).expect(200)).body;
      if (mine.length === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await t.http().get('/api/notifications/push/subscriptions').set(bearer(owner.token))).body.map((s: { id: string }) => s.id)).toEqual([sub.body.id]);
    await new Promise((r) => setTimeout(r, 200));
    expect(push.received.map((p) => p.path)).toEqual(['/push/owner-phone']);
    await t.http().delete(`/api/notifications/push/subscriptions/${sub.body.id}`).set(bearer(stranger.token)).expect(404);
    await t.http().delete(`/api/notifications/push/subscriptions/${sub.body.id}`).set(bearer(owner.token)).expect(204);
  });

  it.each([
    ['no endpoint', { keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) } }, /endpoint must be a string/],
    ['a non-URL endpoint', { endpoint: 'not a url', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'a'.repeat(22) } }, /endpoint must be the push service URL/],
    ['no keys', { endpoint: 'https://push.example.com/x' }, /keys must be an object/],
    ['a short p256dh', { endpoint: 'https://push.example.com/x', keys: { p256dh: 'BAAA', auth: 'a'.repeat(22) } }, /keys.p256dh must be the base64url of an uncompressed P-256 public key/],
    ['a bad auth', { endpoint: 'https://push.example.com/x', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'short' } }, /keys.auth must be the base64url of 16 bytes/],
    ['an extra key', { endpoint: 'https://push.example.com/x', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'a'.repeat(22), extra: 1 } }, /keys has unknown fields: extra/],
    ['an unknown camera filter', { endpoint: 'https://push.example.com/x', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'a'.repeat(22) }, cameraIds: ['nope'] }, /cameraIds: no camera "nope"/],
    ['an unknown field', { endpoint: 'https://push.example.com/x', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'a'.repeat(22) }, topic: 'x' }, /property topic should not exist/],
  ])('refuses a malformed subscription (%s) with 400', async (_label, body, message) => {
    const res = await subscribe(owner.token, body).expect(400);
    expect([res.body.message, ...(res.body.errors ?? [])].join(' | ')).toMatch(message);
  });
});

(MOSQUITTO_MISSING ? describe.skip : describe)(`notifications: MQTT with a real mosquitto${MOSQUITTO_MISSING ? ` (skipped: ${MOSQUITTO_MISSING})` : ''}`, () => {
  let broker: MqttBroker;
  let t: TestApp;
  beforeAll(async () => {
    broker = await startMqttBroker();
    t = await startTestApp({ MQTT_URL: broker.url });
  });
  afterAll(async () => {
    await t.close();
    await broker.stop();
  });

  it('publishes online, discovery for each camera and every alert; says offline when Argus stops', async () => {
    const cam = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody({ name: 'Drive' })).expect(201)).body.id;
    const watcher = await mqtt.connectAsync(broker.url);
    const seen: Array<{ topic: string; payload: string }> = [];
    watcher.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
    await watcher.subscribeAsync(['argus/#', 'homeassistant/#'], { qos: 1 });
    const waitFor = async (topic: string, test: (p: string) => boolean = () => true) => {
      for (let i = 0; i < 500; i++) {
        const hit = seen.find((m) => m.topic === topic && test(m.payload));
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`nothing on ${topic}`);
    };
    try {
      await waitFor('argus/status', (p) => p === 'online');
      const alertId = (await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: cam, bbox }).expect(201)).body.alertId;
      expect(JSON.parse((await waitFor('argus/alerts')).payload)).toMatchObject({ alertId, cameraId: cam, bbox });
      expect(JSON.parse((await waitFor(`argus/cameras/${cam}/alert`)).payload).alertId).toBe(alertId);
      const config = await waitFor(`homeassistant/binary_sensor/argus_${cam}/face/config`);
      expect(validateDiscovery(config.topic, JSON.parse(config.payload))).toEqual([]);
      expect(JSON.parse(config.payload).device).toMatchObject({ name: 'Drive', manufacturer: 'Argus' });
      await t.close();
      await waitFor('argus/status', (p) => p === 'offline');
    } finally {
      await watcher.endAsync();
    }
    t = await startTestApp({ MQTT_URL: broker.url });
  });

  it('starts and serves while the broker is down', async () => {
    await broker.kill();
    const down = await startTestApp({ MQTT_URL: broker.url });
    try {
      const cam = (await down.http().post('/api/cameras').set(bearer(down.adminToken)).send(cameraBody()).expect(201)).body.id;
      await down.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: cam, bbox }).expect(201);
      await down.http().get('/api/health').expect(200);
    } finally {
      await down.close();
      await broker.restart();
    }
  });
});
