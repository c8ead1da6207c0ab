import { randomBytes } from 'node:crypto';
import { ensureClips, startCameraSimulator, type CameraPathOptions, type CameraSimulator } from '../../camera-sim';
import { TEST_CLIPS_DIR } from '../../camera-sim/test-clips.testing';
import { freePort } from '../free-port';
import { startMongoWireServer, type MongoWireServer } from '../mongo-wire';
import { startRedisTestServer, type RedisTestServer } from '../redis/redis-test-server';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from '../s3/s3-test-server';
import { ensureServerBuilt, spawnNode, type NodeProcess } from './cluster-node-process';

export const CLUSTER_ADMIN = { username: 'admin', password: 'cluster-admin-password' };
export const CLUSTER_DB = 'argus-cluster';

export interface ClusterRigOptions {
  /** Simulator paths, each a camera with faces. */
  paths: string[];
  /** Settings every node gets on top of the rig's. */
  env?: Record<string, string>;
}

/**
 * A whole cluster on loopback for the multi-process tests and the benchmark: a real redis-server,
 * the MongoDB wire-protocol test double, s3rver (S3 test double), the camera simulator, and the
 * Argus processes (the built server) started and killed as the test says.
 */
export interface ClusterRig {
  redis: RedisTestServer;
  mongo: MongoWireServer;
  s3: S3TestServer;
  sim: CameraSimulator;
  env: Record<string, string>;
  nodes: Map<string, NodeProcess>;
  /** Starts a node and waits until it is ready (/api/health/ready). */
  startNode(name: string, role: 'api' | 'worker' | 'all', env?: Record<string, string>): Promise<NodeProcess>;
  node(name: string): NodeProcess;
  /** Playing RTSP sessions per simulator path (each camera's pulls, counted by the simulator). */
  sessions(): Record<string, number>;
  close(): Promise<void>;
}

async function waitForHealth(node: NodeProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!node.alive) throw new Error(`${node.name} exited during start-up:\n${node.output().slice(-4000)}`);
    // Ready, not just alive: while it waits for MongoDB a stand-in answers /api/health (200) and
    // readiness (503), then gives the port to the app.
    const ok = await fetch(`${node.url}/api/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${node.name} was not ready in ${timeoutMs} ms:\n${node.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startClusterRig(options: ClusterRigOptions): Promise<ClusterRig> {
  ensureServerBuilt();
  const clips = await ensureClips(TEST_CLIPS_DIR);
  const paths: Record<string, CameraPathOptions> = Object.fromEntries(options.paths.map((p) => [p, { clip: clips.faces }]));
  const redis = await startRedisTestServer();
  const mongo = await startMongoWireServer();
  const s3 = await startS3TestServer();
  const sim = await startCameraSimulator({ paths, sessionTimeoutS: 20 });
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    MONGODB_URI: `${mongo.uri}${CLUSTER_DB}`,
    MEDIA_STORE: `s3://${s3.bucket}/argus`,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    JWT_SECRET: randomBytes(24).toString('base64url'),
    ARGUS_SECRET_KEY: randomBytes(32).toString('base64'),
    ALERT_POST_AUTH_TOKEN: randomBytes(16).toString('hex'),
    ADMIN_USERNAME: CLUSTER_ADMIN.username,
    ADMIN_PASSWORD: CLUSTER_ADMIN.password,
    DETECTION_THREADS: '1',
    RECOGNITION: 'off',
    ...options.env,
  };
  const nodes = new Map<string, NodeProcess>();
  const rig: ClusterRig = {
    redis,
    mongo,
    s3,
    sim,
    env,
    nodes,
    async startNode(name, role, extra = {}) {
      const port = await freePort();
      const node = spawnNode(name, role, port, { ...env, NODE_URL: `http://127.0.0.1:${port}`, ...extra });
      nodes.set(name, node);
      await waitForHealth(node, 90_000);
      // Its id, as it says when it joins.
      const deadline = Date.now() + 30_000;
      while (!node.id && Date.now() < deadline) {
        node.id = /cluster: node (\S+) \(/.exec(node.output())?.[1] ?? null;
        if (!node.id) await new Promise((r) => setTimeout(r, 100));
      }
      return node;
    },
    node(name) {
      const node = nodes.get(name);
      if (!node) throw new Error(`no node ${name}`);
      return node;
    },
    sessions() {
      const stats = sim.stats().paths;
      return Object.fromEntries(Object.entries(stats).map(([path, s]) => [path, s.playing]));
    },
    async close() {
      await Promise.all([...nodes.values()].map((n) => n.cleanUp()));
      await sim.stop();
      await s3.close();
      await mongo.stop();
      await redis.close();
    },
  };
  return rig;
}
