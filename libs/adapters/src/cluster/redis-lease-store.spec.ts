import { redisMissingReason, startRedisTestServer, type RedisTestServer } from '@argus/tools/testing/redis/redis-test-server';
import type { Redis } from 'ioredis';
import { describeLeaseStoreContract } from './contract/lease-store.contract';
import { connectRedis, redisReady } from './redis-connection';
import { RedisLeaseStore } from './redis-lease-store';

const quiet = { warn: () => undefined, info: () => undefined };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const missing = redisMissingReason();
if (missing) {
  describe('RedisLeaseStore', () => {
    it.skip(`needs redis-server: ${missing}`, () => undefined);
  });
} else {
  let server: RedisTestServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = connectRedis(server.url, { name: 'test', log: quiet });
    await redisReady(redis, 5000);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.close();
  });

  describeLeaseStoreContract('redis-server', async () => {
    await redis.flushall();
    return { store: new RedisLeaseStore(redis), wait: sleep, wipe: async () => void (await redis.flushall()) };
  });

  describe('RedisLeaseStore with Redis away', () => {
    it('fails promptly while Redis is down, and works again once it is back (empty)', async () => {
      const store = new RedisLeaseStore(redis);
      await store.acquire('camera:x', 'a', 60_000);
      await server.kill();
      const started = Date.now();
      await expect(store.holders(['camera:x'])).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3000);
      await server.start();
      let age: number | null = null;
      for (let i = 0; i < 80 && age === null; i++) {
        age = await store.age().catch(async () => {
          await sleep(100);
          return null;
        });
      }
      expect(age).toBeLessThan(1000);
      expect(await store.holders(['camera:x'])).toEqual([null]);
    });
  });
}
