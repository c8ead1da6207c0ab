import { connectRedis, connectRedisSubscriber, redisReady } from '@argus/adapters/cluster';
import type { FaceMatcher, FaceRepository, UnknownGrouper } from '@argus/domain';
import { redisMissingReason, startRedisTestServer, type RedisTestServer } from '@argus/tools/testing/redis/redis-test-server';
import type { Redis } from 'ioredis';
import { ClusterIdentityCooldown } from '../../src/cluster/cluster-identity-cooldown';
import { ClusterPeopleSync, tellIdentityAlert } from '../../src/cluster/people-sync';

const quiet = { warn: () => undefined, info: () => undefined };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const clock = { now: () => new Date() };
const watched = (personId: string) => ({ kind: 'person' as const, personId, alert: true });

describe('ClusterIdentityCooldown', () => {
  it('holds an identity back while another node alerted for it within the cooldown', () => {
    const told: string[] = [];
    const cooldown = new ClusterIdentityCooldown(clock, 60_000, (key) => told.push(key));
    cooldown.heard('person:p1', Date.now());
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: watched('p1'), cameraQuiet: false })).toBe(false);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: watched('p2'), cameraQuiet: false })).toBe(true);
    expect(told).toEqual(['person:p2']);
    cooldown.heard('person:p3', Date.now() - 61_000);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: watched('p3'), cameraQuiet: false })).toBe(true);
    expect(cooldown.shouldAlert({ cameraId: 'c1', identity: { kind: 'person', personId: 'p4', alert: false }, cameraQuiet: false })).toBe(false);
  });
});

const missing = redisMissingReason();
if (missing) {
  describe('ClusterPeopleSync', () => {
    it.skip(`needs redis-server: ${missing}`, () => undefined);
  });
} else {
  describe('ClusterPeopleSync over Redis', () => {
    let server: RedisTestServer;
    const connections: Redis[] = [];
    const syncs: ClusterPeopleSync[] = [];

    beforeAll(async () => {
      server = await startRedisTestServer();
    });
    afterAll(async () => {
      for (const s of syncs) s.close();
      for (const c of connections) c.disconnect();
      await server?.close();
    });

    async function node(id: string) {
      const publisher = connectRedis(server.url, { name: `${id}-pub`, log: quiet });
      const subscriber = connectRedisSubscriber(server.url, { name: `${id}-sub`, log: quiet });
      connections.push(publisher, subscriber);
      await redisReady(publisher, 5000);
      const loads: string[] = [];
      const matcher = { add: () => undefined, removeFace: () => undefined, removePerson: () => undefined, addNegative: () => undefined, load: async () => void loads.push('faces') };
      const grouper = {
        record: async () => ({}),
        removeGroup: () => undefined,
        load: async () => void loads.push('groups'),
        exclusive: <T>(work: () => Promise<T>) => work(),
      };
      const cooldown = new ClusterIdentityCooldown(clock, 60_000, tellIdentityAlert(publisher, id));
      const sync = new ClusterPeopleSync({
        nodeId: id,
        publisher,
        subscriber,
        matcher: matcher as unknown as FaceMatcher,
        grouper: grouper as unknown as UnknownGrouper,
        faces: {} as FaceRepository,
        cooldown,
        model: () => 'model@1',
        log: quiet,
      });
      sync.open();
      syncs.push(sync);
      return { matcher, grouper, cooldown, loads };
    }

    it('reloads the other nodes’ indexes after a change on one, and shares identity alerts', async () => {
      const a = await node('api-1');
      const b = await node('w-1');
      await sleep(300);
      (a.matcher as { add: () => void }).add();
      await a.grouper.record();
      await sleep(1000);
      expect(b.loads).toEqual(['faces', 'groups']);
      expect(a.loads).toEqual([]);
      expect(a.cooldown.shouldAlert({ cameraId: 'c1', identity: watched('p1'), cameraQuiet: false })).toBe(true);
      await sleep(300);
      expect(b.cooldown.shouldAlert({ cameraId: 'c2', identity: watched('p1'), cameraQuiet: false })).toBe(false);
    });
  });
}
