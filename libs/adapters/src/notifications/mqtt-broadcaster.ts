import { toAlertView, type Alert, type AlertBroadcaster, type Camera, type CameraStateEvent } from '@argus/domain';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { ALERTS_TOPIC, STATUS_TOPIC, cameraTopic, discoveryMessages, discoveryTopics } from './ha-discovery';

export interface MqttBroadcasterOptions {
  /** `mqtt://user:pass@host:1883` (also mqtts://, ws://, wss://). */
  url: string;
  /** Home Assistant discovery under `homeassistant/`. */
  haDiscovery: boolean;
  /** The cameras to describe to Home Assistant on each connection. */
  listCameras: () => Promise<Array<Pick<Camera, 'id' | 'name' | 'location'>>>;
  /** The JPEG of a stored snapshot, for the image entity. */
  readSnapshot: (key: string) => Promise<Uint8Array | null>;
  log: { info(message: string): void; warn(message: string): void };
  /** Reconnection waits: from `minDelayMs`, doubling up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  clientId?: string;
}

const QOS1 = { qos: 1 } as const;
const RETAINED = { qos: 1, retain: true } as const;

/**
 * Publishes alerts and camera states to an MQTT broker, with `argus/status` online/offline
 * (retained, the offline one as the connection's last will) and Home Assistant discovery. While
 * the broker is away nothing waits on it: alerts are dropped, the latest retained camera states are
 * kept and published again on reconnection, which is tried with a doubling wait.
 */
export class MqttBroadcaster implements AlertBroadcaster {
  private client: MqttClient | null = null;
  private readonly states = new Map<string, string>();
  private readonly described = new Set<string>();
  private delayMs: number;
  private retry: NodeJS.Timeout | null = null;
  private closing = false;
  private everConnected = false;

  constructor(private readonly options: MqttBroadcasterOptions) {
    this.delayMs = options.minDelayMs ?? 1000;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  start(): void {
    const options: IClientOptions = {
      clientId: this.options.clientId ?? `argus-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      clean: true,
      connectTimeout: 5000,
      // Reconnection is ours (doubling waits), not the client's fixed period.
      reconnectPeriod: 0,
      queueQoSZero: false,
      will: { topic: STATUS_TOPIC, payload: Buffer.from('offline'), qos: 1, retain: true },
    };
    const client = mqtt.connect(this.options.url, options);
    this.client = client;
    client.on('connect', () => {
      this.everConnected = true;
      this.delayMs = this.options.minDelayMs ?? 1000;
      this.options.log.info(`MQTT connected to ${redact(this.options.url)}`);
      void this.announce();
    });
    client.on('close', () => this.scheduleReconnect());
    client.on('error', (e) => this.options.log.warn(`MQTT ${redact(this.options.url)}: ${e.message}`));
  }

  async stop(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    if (!client) return;
    if (client.connected) await client.publishAsync(STATUS_TOPIC, 'offline', RETAINED).catch(() => undefined);
    await client.endAsync(!client.connected).catch(() => undefined);
  }

  alertRaised(alert: Alert, camera: Camera): void {
    const json = JSON.stringify(toAlertView(alert));
    this.publish(ALERTS_TOPIC, json, QOS1);
    this.publish(cameraTopic(camera.id, 'alert'), json, QOS1);
    if (!this.options.haDiscovery) return;
    this.describe(camera);
    this.publish(cameraTopic(camera.id, 'face'), 'ON', QOS1);
    this.publishPerson(alert);
    if (alert.snapshotKey) {
      void this.options
        .readSnapshot(alert.snapshotKey)
        .then((jpeg) => jpeg && this.publish(cameraTopic(camera.id, 'snapshot'), Buffer.from(jpeg), RETAINED))
        .catch((e) => this.options.log.warn(`MQTT snapshot of alert ${alert.alertId}: ${String(e)}`));
    }
  }

  alertUpdated(alert: Alert, camera: Camera): void {
    if (!this.options.haDiscovery) return;
    this.describe(camera);
    this.publishPerson(alert);
  }

  cameraState(event: CameraStateEvent, camera: Camera | null): void {
    const topic = cameraTopic(event.cameraId, 'state');
    const json = JSON.stringify(event);
    this.states.set(topic, json);
    this.publish(topic, json, RETAINED);
    if (camera && this.options.haDiscovery) this.describe(camera);
  }

  cameraRemoved(cameraId: string): void {
    const topics = [cameraTopic(cameraId, 'state'), cameraTopic(cameraId, 'person'), cameraTopic(cameraId, 'snapshot')];
    if (this.options.haDiscovery) topics.push(...discoveryTopics(cameraId));
    this.states.delete(cameraTopic(cameraId, 'state'));
    this.described.delete(cameraId);
    for (const topic of topics) this.publish(topic, '', RETAINED);
  }

  /** On each connection: online, every camera's discovery, the latest camera states. */
  private async announce(): Promise<void> {
    this.described.clear();
    this.publish(STATUS_TOPIC, 'online', RETAINED);
    if (this.options.haDiscovery) {
      try {
        for (const camera of await this.options.listCameras()) this.describe(camera);
      } catch (e) {
        this.options.log.warn(`MQTT discovery: cameras not listed: ${String(e)}`);
      }
    }
    for (const [topic, json] of this.states) this.publish(topic, json, RETAINED);
  }

  private describe(camera: Pick<Camera, 'id' | 'name' | 'location'>): void {
    if (this.described.has(camera.id) || !this.connected) return;
    this.described.add(camera.id);
    for (const message of discoveryMessages(camera)) this.publish(message.topic, JSON.stringify(message.payload), RETAINED);
  }

  private publishPerson(alert: Alert): void {
    const name = alert.person ? alert.person.name : alert.person === null ? 'Unknown' : 'Face';
    this.publish(cameraTopic(alert.cameraId, 'person'), name, RETAINED);
  }

  private publish(topic: string, payload: string | Buffer, options: { qos: 1; retain?: boolean }): void {
    const client = this.client;
    // Offline: dropped rather than queued, so a broker that is away costs nothing.
    if (!client || !client.connected) return;
    client.publish(topic, payload, options, (e) => {
      if (e) this.options.log.warn(`MQTT publish to ${topic}: ${e.message}`);
    });
  }

  private scheduleReconnect(): void {
    if (this.closing || this.retry) return;
    const wait = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.maxDelayMs ?? 60_000);
    if (this.everConnected) this.options.log.warn(`MQTT connection to ${redact(this.options.url)} lost; retrying in ${wait / 1000} s`);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closing) this.client?.reconnect();
    }, wait);
    this.retry.unref();
  }
}

/** The broker URL without its password, for logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the MQTT broker';
  }
}
