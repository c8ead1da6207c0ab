import mqtt, { type MqttClient } from 'mqtt';
import type { Alert, Camera } from '@argus/domain';
import { validateDiscovery } from '@argus/tools/testing/notifications/ha-discovery-schema';
import { MOSQUITTO_MISSING, startMqttBroker, type MqttBroker } from '@argus/tools/testing/notifications/mqtt-broker';
import { discoveryMessages } from './ha-discovery';
import { MqttBroadcaster } from './mqtt-broadcaster';

const camera = { id: 'cam-1', name: 'Front door', location: 'Porch' } as Camera;
const alert: Alert = {
  alertId: 'a-1',
  cameraId: 'cam-1',
  timestamp: new Date('2026-01-01T10:00:00Z'),
  bbox: { x: 1, y: 2, width: 30, height: 40 },
  snapshotUrl: null,
  snapshotKey: 'snap-1',
  meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 },
  createdAt: new Date('2026-01-01T10:00:00Z'),
  person: { id: 'p-1', name: 'Ada', similarity: 0.8 },
  unknownId: null,
};
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

describe('Home Assistant discovery payloads', () => {
  it('pass the documented schema: face binary sensor, last person sensor, snapshot image', () => {
    const messages = discoveryMessages(camera);
    expect(messages.map((m) => m.topic)).toEqual([
      'homeassistant/binary_sensor/argus_cam-1/face/config',
      'homeassistant/sensor/argus_cam-1/last_person/config',
      'homeassistant/image/argus_cam-1/snapshot/config',
    ]);
    for (const m of messages) expect([m.topic, validateDiscovery(m.topic, JSON.parse(JSON.stringify(m.payload)))]).toEqual([m.topic, []]);
    expect(messages[0].payload).toMatchObject({ off_delay: 30, state_topic: 'argus/cameras/cam-1/face', availability_topic: 'argus/status' });
    expect(messages[2].payload).toMatchObject({ image_topic: 'argus/cameras/cam-1/snapshot', content_type: 'image/jpeg' });
  });

  it('the schema check catches what Home Assistant would refuse', () => {
    expect(validateDiscovery('homeassistant/binary_sensor/x/config', { name: 'x' })).toEqual(['missing state_topic']);
    expect(validateDiscovery('homeassistant/image/x/config', { image_topic: 'a', url_topic: 'b' })).toEqual(['image_topic and url_topic are exclusive']);
    expect(validateDiscovery('homeassistant/image/x/config', { device: { name: 'd' } })).toEqual(
      expect.arrayContaining(['one of image_topic, url_topic is required', 'device needs unique_id', 'device needs identifiers or connections']),
    );
    expect(validateDiscovery('homeassistant/binary_sensor/x/config', { state_topic: 's', off_delay: -1, colour: 'red' })).toEqual(['bad value for off_delay: -1', 'unknown key colour']);
    expect(validateDiscovery('homeassistant/binary_sensor/a b/config', {})).toHaveLength(1);
  });
});

interface Seen {
  topic: string;
  payload: Buffer;
  retain: boolean;
  qos: number;
}

async function watch(url: string): Promise<{ client: MqttClient; seen: Seen[]; waitFor(topic: string, test?: (s: Seen) => boolean): Promise<Seen> }> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 100 });
  const seen: Seen[] = [];
  client.on('message', (topic, payload, packet) => seen.push({ topic, payload, retain: packet.retain, qos: packet.qos }));
  await client.subscribeAsync(['argus/#', 'homeassistant/#'], { qos: 1 });
  return {
    client,
    seen,
    async waitFor(topic, test = () => true) {
      const until = Date.now() + 10_000;
      for (;;) {
        const hit = seen.find((s) => s.topic === topic && test(s));
        if (hit) return hit;
        if (Date.now() > until) throw new Error(`nothing on ${topic}; saw ${[...new Set(seen.map((s) => s.topic))].join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

(MOSQUITTO_MISSING ? describe.skip : describe)(`MqttBroadcaster with a real mosquitto${MOSQUITTO_MISSING ? ` (skipped: ${MOSQUITTO_MISSING})` : ''}`, () => {
  let broker: MqttBroker;
  let broadcaster: MqttBroadcaster;
  const warnings: string[] = [];
  beforeEach(async () => {
    broker = await startMqttBroker();
    broadcaster = new MqttBroadcaster({
      url: broker.url,
      haDiscovery: true,
      listCameras: async () => [camera],
      readSnapshot: async (key) => (key === 'snap-1' ? JPEG : null),
      log: { info: () => undefined, warn: (m) => warnings.push(m) },
      minDelayMs: 100,
      maxDelayMs: 400,
    });
  });
  afterEach(async () => {
    await broadcaster.stop();
    await broker.stop();
  });

  it('announces online and the cameras, then publishes alerts (QoS 1), the last person and the snapshot', async () => {
    broadcaster.start();
    const watcher = await watch(broker.url);
    try {
      expect((await watcher.waitFor('argus/status')).payload.toString()).toBe('online');
      const config = await watcher.waitFor('homeassistant/image/argus_cam-1/snapshot/config');
      expect(config.retain).toBe(true);
      expect(validateDiscovery(config.topic, JSON.parse(config.payload.toString()))).toEqual([]);
      broadcaster.alertRaised(alert, camera);
      const all = await watcher.waitFor('argus/alerts');
      const mine = await watcher.waitFor('argus/cameras/cam-1/alert');
      expect(JSON.parse(all.payload.toString())).toEqual({
        alertId: 'a-1', cameraId: 'cam-1', timestamp: '2026-01-01T10:00:00.000Z', kind: 'face', zones: [], bbox: alert.bbox, meta: alert.meta, person: alert.person, unknownId: null,
      });
      expect(mine.payload.toString()).toBe(all.payload.toString());
      expect([all.qos, mine.qos]).toEqual([1, 1]);
      expect((await watcher.waitFor('argus/cameras/cam-1/face')).payload.toString()).toBe('ON');
      expect((await watcher.waitFor('argus/cameras/cam-1/person')).payload.toString()).toBe('Ada');
      expect((await watcher.waitFor('argus/cameras/cam-1/snapshot')).payload).toEqual(JPEG);
      broadcaster.alertUpdated({ ...alert, person: null }, camera);
      expect((await watcher.waitFor('argus/cameras/cam-1/person', (s) => s.payload.toString() === 'Unknown')).retain).toBe(false);
    } finally {
      await watcher.client.endAsync();
    }
  });

  it('keeps each camera state retained, and clears a removed camera', async () => {
    broadcaster.start();
    const early = await watch(broker.url);
    await early.waitFor('argus/status');
    const state = { cameraId: 'cam-1', status: 'running' as const, fps: 9.5, timestamp: '2026-01-01T10:00:00.000Z' };
    broadcaster.cameraState(state, camera);
    await early.waitFor('argus/cameras/cam-1/state');
    await early.client.endAsync();
    // A client connecting later gets the retained state at once.
    const late = await watch(broker.url);
    try {
      const got = await late.waitFor('argus/cameras/cam-1/state');
      expect(got.retain).toBe(true);
      expect(JSON.parse(got.payload.toString())).toEqual(state);
      broadcaster.cameraRemoved('cam-1');
      expect((await late.waitFor('homeassistant/binary_sensor/argus_cam-1/face/config', (s) => s.payload.length === 0)).payload.length).toBe(0);
    } finally {
      await late.client.endAsync();
    }
  });

  it('leaves offline as its last will, never waits on a broker that is down, and comes back with everything', async () => {
    broadcaster.start();
    const watcher = await watch(broker.url);
    await watcher.waitFor('argus/status', (s) => s.payload.toString() === 'online');
    broadcaster.cameraState({ cameraId: 'cam-1', status: 'running', fps: 10, timestamp: '2026-01-01T10:00:00.000Z' }, camera);
    await watcher.waitFor('argus/cameras/cam-1/state');
    await watcher.client.endAsync();

    await broker.kill();
    while (broadcaster.connected) await new Promise((r) => setTimeout(r, 20));
    // Alerts while the broker is down are dropped, not queued: nothing of them comes back later.
    for (let i = 0; i < 100; i++) broadcaster.alertRaised({ ...alert, alertId: `down-${i}` }, camera);

    await broker.restart();
    const back = await watch(broker.url);
    try {
      // The broker lost everything (no persistence): Argus restores status, discovery and states.
      await back.waitFor('argus/status', (s) => s.payload.toString() === 'online');
      await back.waitFor('homeassistant/sensor/argus_cam-1/last_person/config');
      await back.waitFor('argus/cameras/cam-1/state');
      await new Promise((r) => setTimeout(r, 200));
      expect(back.seen.filter((m) => m.payload.toString().includes('down-'))).toEqual([]);
      // The last will: a connection that dies without a goodbye leaves `offline`.
      (broadcaster as unknown as { client: { stream: { destroy(): void } } }).client.stream.destroy();
      await back.waitFor('argus/status', (s) => s.payload.toString() === 'offline');
      await back.waitFor('argus/status', (s) => s.payload.toString() === 'online' && back.seen.some((x) => x.payload.toString() === 'offline'));
    } finally {
      await back.client.endAsync();
    }
  }, 30_000);
});
