import { networkInterfaces } from 'node:os';
import { CLUSTER_ROLES, MIN_CAMERA_LEASE_MS, isWorkerLabel, type ClusterRole } from '@argus/domain';
import { intInRange, oneOf, type Env } from './env-values';

/** Cluster mode: REDIS_URL, ARGUS_ROLE, WORKER_LABELS, CAMERA_LEASE_S, PUBLIC_HOST, NODE_URL. */
export interface ClusterSettings {
  /** Set: this process is one node of a cluster; null: Argus is one process (no Redis at all). */
  redisUrl: string | null;
  role: ClusterRole;
  /** Cameras with one of these `workerLabel`s may run here. */
  workerLabels: string[];
  /** CAMERA_LEASE_S: a worker that dies has its cameras run elsewhere within twice this. */
  leaseMs: number;
  /** PUBLIC_HOST: this machine's address for browsers (WebRTC candidates) and the cluster view. */
  publicHost: string | null;
  /** NODE_URL: where the other nodes reach this one's HTTP port (live view is forwarded there). */
  nodeUrl: string;
}

export function clusterSettingsFromEnv(env: Env, port: number, host: string): ClusterSettings {
  const redisUrl = redisUrlFrom(env['REDIS_URL']);
  const role = oneOf(env, 'ARGUS_ROLE', CLUSTER_ROLES, 'all');
  if (role !== 'all' && !redisUrl) throw new Error(`ARGUS_ROLE=${role} needs REDIS_URL: the roles split one installation over several processes`);
  const publicHost = hostFrom(env['PUBLIC_HOST']);
  return {
    redisUrl,
    role,
    workerLabels: labelsFrom(env['WORKER_LABELS']),
    leaseMs: intInRange(env, 'CAMERA_LEASE_S', 10, MIN_CAMERA_LEASE_MS / 1000, 600) * 1000,
    publicHost,
    nodeUrl: nodeUrlFrom(env['NODE_URL'], port, host),
  };
}

/**
 * What a node of a cluster needs besides Redis, or why it cannot start: every node shares one
 * MongoDB and one S3 media store, and the same secrets (a sign-in on one api node is good on all,
 * and every worker can open the camera passwords another sealed).
 */
export function clusterRequirements(settings: {
  redisUrl: string | null;
  mongodbUri: string | null;
  mediaStoreKind: string;
  jwtSecret: string | null;
  secretKey: string | null;
}): string | null {
  if (!settings.redisUrl) return null;
  const missing = [
    settings.mongodbUri ? null : 'MONGODB_URI (one MongoDB for all nodes)',
    settings.mediaStoreKind === 's3' ? null : 'MEDIA_STORE=s3://bucket/prefix (one media store for all nodes)',
    settings.jwtSecret ? null : 'JWT_SECRET (the same on every node)',
    settings.secretKey ? null : 'ARGUS_SECRET_KEY (the same on every node)',
  ].filter((m): m is string => m !== null);
  return missing.length > 0 ? `REDIS_URL is set (cluster mode), which also needs ${missing.join(', ')}` : null;
}

function redisUrlFrom(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !['redis:', 'rediss:'].includes(url.protocol) || !url.hostname) {
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://redis:6379');
  }
  return raw;
}

function labelsFrom(raw: string | undefined): string[] {
  const labels = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = labels.find((l) => !isWorkerLabel(l));
  if (bad !== undefined) throw new Error(`WORKER_LABELS: "${bad}" is not a label (letters, digits, '.', '_' and '-', at most 64)`);
  return [...new Set(labels)];
}

function hostFrom(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(raw)) throw new Error(`PUBLIC_HOST must be a host name or an IP address (got "${raw}")`);
  return raw;
}

function nodeUrlFrom(raw: string | undefined, port: number, host: string): string {
  if (raw) {
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) throw new Error(`NODE_URL must be an http:// URL (got "${raw}")`);
    return raw.replace(/\/+$/, '');
  }
  const listening = host === '0.0.0.0' || host === '::' ? firstExternalAddress() : host;
  return `http://${listening.includes(':') ? `[${listening}]` : listening}:${port}`;
}

/** The first non-internal IPv4 address (a container's own), else loopback. */
function firstExternalAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
