import { resolve } from 'node:path';
import { MEDIAMTX_PUBLISH_MODES, type MediamtxPublishMode } from '@argus/adapters/media/mediamtx';
import { parseIceServers, parseUdpPortRange, type IceServer } from '@argus/adapters/media/webrtc/ice-config';
import type { DetectorSettings } from '@argus/detection';
import { detectionThreadsFromEnv, detectorSettingsFromEnv } from './detection-config';
import { intInRange, numberInRange, oneOf, type Env } from './env-values';
import { mediaStoreSettingsFromEnv, type MediaStoreSettings } from './media-store-config';
import { notificationSettingsFromEnv, type NotificationSettings } from './notification-config';
import { recordingSettingsFromEnv, type RecordingSettings } from './recording-config';
import { clusterRequirements, clusterSettingsFromEnv, type ClusterSettings } from './cluster-config';

/**
 * Everything Argus reads from its environment (the environment variables documented in the README),
 * parsed once at start-up. The only place that reads `process.env`: the rest of Argus is given these values.
 */
export interface ArgusConfig {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri: string | null;
  jwtSecret: string | null;
  jwtExpiresIn: string;
  adminUsername: string;
  adminPassword: string | null;
  alertPostAuthToken: string | null;
  /** Key sealing secrets at rest (camera passwords): base64 of 32 bytes; null keeps a generated one in DATA_DIR. */
  secretKey: string | null;
  /** `POST /api/alerts` per client address: sustained requests per second and burst; 0 turns the limit off. */
  alertPostRate: { perSecond: number; burst: number };
  defaultFps: number;
  detectionThreads: number;
  /** DETECTION_ENGINE, DETECTION_MODEL, DETECTION_MIN_SCORE, DETECTION_TILING, TFJS_BACKEND. */
  detection: DetectorSettings;
  mediamtxUrl: string | null;
  mediamtxWebrtcUrl: string | null;
  /** MEDIAMTX_PUBLISH: the camera's H.264 as it is (`passthrough`), or re-encoded with the face boxes drawn in (`boxes`). */
  mediamtxPublish: MediamtxPublishMode;
  /** STUN/TURN servers for live viewers behind NAT (`ICE_SERVERS`, a JSON array of RTCIceServer). */
  iceServers: IceServer[];
  /** UDP ports of the embedded WebRTC gateway (`WEBRTC_UDP_PORTS=40000-40100`); null lets the OS pick. */
  webrtcUdpPorts: [number, number] | null;
  /** FFMPEG_PATH; null: `ffmpeg` in a directory of `ffmpegSearchPath`, else the packaged binary. */
  ffmpegPath: string | null;
  /** PATH, searched for `ffmpeg` when FFMPEG_PATH is not set. */
  ffmpegSearchPath: string;
  /** RTSP over TCP (default, works through NAT and firewalls) or UDP. */
  rtspTransport: 'tcp' | 'udp';
  /** Quiet time per camera after an alert (per label for object alerts). */
  alertCooldownMs: number;
  /** OBJECT_FPS: object detection frames per second, at most, per camera that asks for objects. */
  objectFps: number;
  /** RECOGNITION: faces are matched to people and grouped (`on`, default) or only detected (`off`). */
  recognition: boolean;
  /** RECOGNITION_THRESHOLD: least cosine similarity for a match, 0–1; null: the embedding model's own. */
  recognitionThreshold: number | null;
  /** IDENTITY_COOLDOWN_S: one person or unknown group alerts at most once per this, across all cameras. */
  identityCooldownMs: number;
  logLevel: string;
  /** Built console to serve; null when absent (API only). */
  webRoot: string | null;
  /** Simulated cameras to register and start (`npm run demo`). */
  demoCameras: Array<{ name: string; url: string }>;
  /** Origins allowed to call the API from a browser (same origin always works). */
  corsOrigins: string[];
  /** Bearer token for `GET /metrics`; null keeps the endpoint off (404). */
  metricsToken: string | null;
  /** How long a SIGTERM/SIGINT shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Webhooks, MQTT (with Home Assistant discovery) and Web Push. */
  notifications: NotificationSettings;
  /** DATABASE_WAIT_S: at start-up, how long to wait for MongoDB before exiting with an error. */
  databaseWaitMs: number;
  /** MEDIA_STORE (`file` under DATA_DIR, or `s3://bucket/prefix`) with the S3_* settings. */
  mediaStore: MediaStoreSettings;
  /** RECORDINGS_DIR and retention (RETAIN_CONTINUOUS_DAYS, RETAIN_EVENTS_DAYS, RECORDINGS_MAX_GB). */
  recordings: RecordingSettings;
  /** REDIS_URL and the cluster settings (cluster mode). */
  cluster: ClusterSettings;
}

export function loadConfig(env: Env = process.env): ArgusConfig {
  const config: ArgusConfig = {
    port: intInRange(env, 'PORT', 4000, 0, 65535),
    host: env['HOST'] || '127.0.0.1',
    dataDir: resolve(env['DATA_DIR'] || './data'),
    mongodbUri: env['MONGODB_URI'] || null,
    jwtSecret: env['JWT_SECRET'] || null,
    jwtExpiresIn: env['JWT_EXPIRES_IN'] || '12h',
    adminUsername: env['ADMIN_USERNAME'] || 'admin',
    adminPassword: env['ADMIN_PASSWORD'] || null,
    alertPostAuthToken: env['ALERT_POST_AUTH_TOKEN'] || null,
    secretKey: env['ARGUS_SECRET_KEY'] || null,
    alertPostRate: {
      perSecond: intInRange(env, 'ALERT_POST_RATE', 20, 0, 100_000),
      burst: intInRange(env, 'ALERT_POST_BURST', 200, 1, 1_000_000),
    },
    defaultFps: intInRange(env, 'DEFAULT_FPS', 10, 1, 30),
    detectionThreads: detectionThreadsFromEnv(env),
    detection: detectorSettingsFromEnv(env),
    mediamtxUrl: env['MEDIAMTX_URL'] || null,
    mediamtxWebrtcUrl: env['MEDIAMTX_WEBRTC_URL'] || null,
    mediamtxPublish: oneOf(env, 'MEDIAMTX_PUBLISH', MEDIAMTX_PUBLISH_MODES, 'passthrough'),
    iceServers: parseIceServers(env['ICE_SERVERS']),
    webrtcUdpPorts: parseUdpPortRange(env['WEBRTC_UDP_PORTS']) ?? null,
    ffmpegPath: env['FFMPEG_PATH'] || null,
    ffmpegSearchPath: env['PATH'] ?? '',
    rtspTransport: oneOf(env, 'RTSP_TRANSPORT', ['tcp', 'udp'] as const, 'tcp'),
    alertCooldownMs: intInRange(env, 'ALERT_COOLDOWN_S', 10, 0, 86_400) * 1000,
    objectFps: numberInRange(env, 'OBJECT_FPS', 2, 0.1, 30),
    recognition: oneOf(env, 'RECOGNITION', ['on', 'off'] as const, 'on') === 'on',
    recognitionThreshold: numberInRange(env, 'RECOGNITION_THRESHOLD', null, 0, 1),
    identityCooldownMs: intInRange(env, 'IDENTITY_COOLDOWN_S', 300, 0, 86_400) * 1000,
    logLevel: env['LOG_LEVEL'] || 'info',
    webRoot: env['WEB_ROOT'] === '' ? null : resolve(env['WEB_ROOT'] || 'dist/web/browser'),
    demoCameras: parseDemoCameras(env['DEMO_CAMERAS']),
    corsOrigins: (env['CORS_ORIGINS'] || '').split(',').map((s) => s.trim()).filter(Boolean),
    metricsToken: env['METRICS_TOKEN'] || null,
    shutdownTimeoutMs: intInRange(env, 'SHUTDOWN_TIMEOUT_S', 15, 1, 600) * 1000,
    notifications: notificationSettingsFromEnv(env),
    databaseWaitMs: intInRange(env, 'DATABASE_WAIT_S', 120, 0, 86_400) * 1000,
    mediaStore: mediaStoreSettingsFromEnv(env),
    recordings: recordingSettingsFromEnv(env, resolve(env['DATA_DIR'] || './data')),
    cluster: clusterSettingsFromEnv(env, intInRange(env, 'PORT', 4000, 0, 65535), env['HOST'] || '127.0.0.1'),
  };
  const { cluster, mongodbUri, mediaStore, jwtSecret, secretKey } = config;
  const missing = clusterRequirements({ redisUrl: cluster.redisUrl, mongodbUri, mediaStoreKind: mediaStore.kind, jwtSecret, secretKey });
  if (missing) throw new Error(missing);
  return config;
}

/** `Name=rtsp://…;Other=rtsp://…` */
function parseDemoCameras(raw: string | undefined): Array<{ name: string; url: string }> {
  if (!raw) return [];
  return raw
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      return { name: entry.slice(0, at).trim(), url: entry.slice(at + 1).trim() };
    })
    .filter((c) => c.name && c.url);
}

export const ARGUS_CONFIG = Symbol('ArgusConfig');
