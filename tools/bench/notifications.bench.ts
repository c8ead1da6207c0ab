// Notifications benchmark: alert → delivery latency to MQTT, webhooks and Web Push, with 100
// webhooks registered, on loopback. The real server (dist) runs with MQTT_URL on a local
// mosquitto; the webhooks point at a local receiver, the push subscription at a local push
// service that decrypts (RFC 8291). Each alert is posted to `POST /api/alerts`; latency runs from
// that request to each arrival. Target: p95 ≤ 500 ms for each channel.
// Usage: npm run bench -- notifications   (NOTIFY_ALERTS=50 NOTIFY_WEBHOOKS=100 NOTIFY_GAP_MS=300)
import mqtt from 'mqtt';
import { MOSQUITTO_MISSING, startMqttBroker, type MqttBroker } from '../testing/notifications/mqtt-broker';
import { startPushReceiver } from '../testing/notifications/push-receiver';
import { startWebhookReceiver } from '../testing/notifications/webhook-receiver';
import { percentile, printTable, recordResults } from './results';
import { api, startArgus } from './support/argus-server';

const ALERTS = Number(process.env['NOTIFY_ALERTS'] ?? 50);
const WEBHOOKS = Number(process.env['NOTIFY_WEBHOOKS'] ?? 100);
const GAP_MS = Number(process.env['NOTIFY_GAP_MS'] ?? 300);
const ALERT_TOKEN = 'bench-alert-token-0123456789';
const TARGET_P95_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const broker: MqttBroker | null = MOSQUITTO_MISSING ? null : await startMqttBroker();
  if (!broker) process.stdout.write(`MQTT not measured: ${MOSQUITTO_MISSING}\n`);
  const hooks = await startWebhookReceiver();
  const push = await startPushReceiver();
  const server = await startArgus(4620, { WEB_ROOT: '', ALERT_POST_AUTH_TOKEN: ALERT_TOKEN, ...(broker ? { MQTT_URL: broker.url } : {}) });
  const sent = new Map<string, number>();
  const mqttLatency: number[] = [];
  const watcher = broker ? await mqtt.connectAsync(broker.url) : null;
  try {
    const camera = await api<{ id: string }>(server, 'POST', '/api/cameras', { name: 'Bench door', location: 'Lab', rtspUrl: 'rtsp://192.0.2.1/stream' });
    for (let i = 0; i < WEBHOOKS; i++) {
      await api(server, 'POST', '/api/notifications/webhooks', { url: `${hooks.url}/hook/${i}`, secret: `secret-${i}` });
    }
    await api(server, 'POST', '/api/notifications/push/subscriptions', push.subscription('bench-browser'));
    if (watcher) {
      watcher.on('message', (topic, payload) => {
        const at = performance.now();
        if (topic !== 'argus/alerts') return;
        const start = sent.get(JSON.parse(payload.toString()).alertId);
        if (start !== undefined) mqttLatency.push(at - start);
      });
      await watcher.subscribeAsync('argus/alerts', { qos: 1 });
    }
    for (let i = 0; i < ALERTS; i++) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/alerts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ALERT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraId: camera.id, bbox: { x: 10, y: 10, width: 50, height: 60 }, meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 } }),
      });
      if (res.status !== 201) throw new Error(`POST /api/alerts → ${res.status}`);
      sent.set(((await res.json()) as { alertId: string }).alertId, started);
      await sleep(GAP_MS);
    }
    await hooks.waitFor(ALERTS * WEBHOOKS, 120_000);
    await push.waitFor(ALERTS, 60_000);
    if (watcher) for (let i = 0; i < 100 && mqttLatency.length < ALERTS; i++) await sleep(50);
  } finally {
    await watcher?.endAsync();
    await server.stop();
    await hooks.close();
    await push.close();
    await broker?.stop();
  }
  const latency = (arrivals: Array<{ alertId: string; at: number }>) =>
    arrivals.flatMap(({ alertId, at }) => (sent.has(alertId) ? [at - (sent.get(alertId) as number)] : []));
  const webhookLatency = latency(hooks.received.map((r) => ({ alertId: JSON.parse(r.body).alertId, at: r.at })));
  const pushLatency = latency(push.received.map((r) => ({ alertId: JSON.parse(r.text).alertId, at: r.at })));
  const row = (channel: string, values: number[]) => ({
    channel,
    deliveries: values.length,
    p50Ms: Math.round(percentile(values, 50)),
    p95Ms: Math.round(percentile(values, 95)),
    maxMs: Math.round(Math.max(...values)),
    meetsTarget: percentile(values, 95) <= TARGET_P95_MS ? 'yes' : 'no',
  });
  const rows = [row(`webhooks (${WEBHOOKS} registered)`, webhookLatency), row('web push', pushLatency), ...(broker ? [row('mqtt argus/alerts', mqttLatency)] : [])];
  printTable(`Alert → notification delivery on loopback, ${ALERTS} alerts ${GAP_MS} ms apart (target p95 ≤ ${TARGET_P95_MS} ms)`, rows);
  recordResults('notifications', { alerts: ALERTS, webhooks: WEBHOOKS, gapMs: GAP_MS, targetP95Ms: TARGET_P95_MS, channels: rows, mqtt: broker ? 'mosquitto' : MOSQUITTO_MISSING });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
