import { RedisLeaseStore, connectRedis, redisReady } from '@argus/adapters/cluster';
import { cameraLease, clusterTiming } from '@argus/domain';
import type { RedisTestServer } from '../../testing/redis/redis-test-server';

export interface LeaseFigures {
  cameras: number;
  workers: number;
  /** One worker renewing all its leases: one Lua call. */
  renewCallMs: { p50: number; p95: number };
  /** Back-to-back renewals of every camera's lease (all workers), as fast as Redis answers. */
  leasesRenewedPerSecond: number;
  callsPerSecond: number;
  /** What a cluster of this size asks of Redis for its leases in steady state (CAMERA_LEASE_S=10). */
  steadyCallsPerSecond: number;
  steadyKeyWritesPerSecond: number;
  /** Redis's own count of commands per second during the back-to-back run (INFO stats). */
  redisCommandsPerSecond: number;
}

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const pick = (v: number[], p: number) => sorted(v)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];

async function commandsProcessed(redis: import('ioredis').Redis): Promise<number> {
  const info = await redis.info('stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}

/** 1,000 cameras' leases held by `workers` simulated workers, renewed as a worker does (one call each). */
export async function measureLeaseRenewal(server: RedisTestServer, cameras = 1000, workers = 10, seconds = 5): Promise<LeaseFigures> {
  const log = { warn: () => undefined, info: () => undefined };
  const redis = connectRedis(server.url, { name: 'bench', log });
  await redisReady(redis, 5000);
  try {
    const store = new RedisLeaseStore(redis);
    const timing = clusterTiming(10_000);
    const names = Array.from({ length: workers }, (_, w) => Array.from({ length: cameras / workers }, (_, i) => cameraLease(`cam-${w}-${i}`)));
    for (const [w, mine] of names.entries()) for (const name of mine) await store.acquire(name, `worker-${w}`, timing.leaseMs);
    const single: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await store.renew(names[i % workers], `worker-${i % workers}`, timing.leaseMs);
      single.push(performance.now() - started);
    }
    const before = await commandsProcessed(redis);
    const started = performance.now();
    let calls = 0;
    while (performance.now() - started < seconds * 1000) {
      const answers = await Promise.all(names.map((mine, w) => store.renew(mine, `worker-${w}`, timing.leaseMs)));
      if (answers.some((a) => a.some((ok) => !ok))) throw new Error('a renewal lost its lease');
      calls += workers;
    }
    const elapsed = (performance.now() - started) / 1000;
    const processed = (await commandsProcessed(redis)) - before;
    return {
      cameras,
      workers,
      renewCallMs: { p50: Math.round(pick(single, 50) * 100) / 100, p95: Math.round(pick(single, 95) * 100) / 100 },
      leasesRenewedPerSecond: Math.round((calls * (cameras / workers)) / elapsed),
      callsPerSecond: Math.round(calls / elapsed),
      steadyCallsPerSecond: Math.round((workers * 1000) / timing.renewMs * 100) / 100,
      steadyKeyWritesPerSecond: Math.round((cameras * 1000) / timing.renewMs),
      redisCommandsPerSecond: Math.round(processed / elapsed),
    };
  } finally {
    redis.disconnect();
  }
}
