import { createAdapter } from '@socket.io/redis-adapter';
import type { Alert } from '@argus/domain';
import { redisMissingReason, startRedisTestServer, type RedisTestServer } from '@argus/tools/testing/redis/redis-test-server';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { AlertRelay, type RelayedAlert } from './alert-relay';
import { RedisCommandBus } from './redis-command-bus';
import { connectAdapterPublisher, connectRedis, connectRedisSubscriber, redisReady } from './redis-connection';
import { RedisNodeRegistry } from './redis-node-registry';

// The command bus, the node registry and the alert relay against a real redis-server (the Debian
// package), started on a free loopback port by the test and killed and restarted where it matters.
const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const missing = redisMissingReason();

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const anAlert = (alertId: string): Alert => ({
  alertId,
  cameraId: 'c1',
  timestamp: new Date('2026-01-01T00:00:00Z'),
  bbox: { x: 1, y: 2, width: 3, height: 4 },
  snapshotUrl: null,
  snapshotKey: null,
  meta: { score: 0.9, frameWidth: 640, frameHeight: 360, faces: 1 },
  createdAt: new Date('2026-01-01T00:00:01Z'),
  kind: 'face',
  zones: [],
});

if (missing) {
  describe('cluster adapters on Redis', () => {
    it.skip(`need redis-server: ${missing}`, () => undefined);
  });
} else {
  let server: RedisTestServer;
  const connections: Redis[] = [];
  const closers: Array<() => void | Promise<void>> = [];
  const connect = async (name: string) => {
    const redis = connectRedis(server.url, { name, log: quiet });
    connections.push(redis);
    await redisReady(redis, 5000);
    return redis;
  };
  const subscriber = (name: string) => {
    const redis = connectRedisSubscriber(server.url, { name, log: quiet });
    connections.push(redis);
    return redis;
  };
  const bus = async (nodeId: string) => {
    const b = new RedisCommandBus(nodeId, await connect(`${nodeId}-pub`), subscriber(`${nodeId}-sub`), quiet);
    await b.open();
    closers.push(() => b.close());
    return b;
  };

  beforeAll(async () => {
    server = await startRedisTestServer();
  });
  afterAll(async () => {
    for (const close of closers) await close();
    // QUIT lets the commands still on their way (the adapters' unsubscribes) get their answers;
    // disconnect() would reject them with "Connection is closed", unheard, failing the suite.
    await Promise.all(connections.map((redis) => Promise.race([redis.quit().catch(() => undefined), sleep(2000)])));
    for (const redis of connections) redis.disconnect();
    await server?.close();
  });

  describe('RedisCommandBus', () => {
    it('carries a command to its node and the answer back', async () => {
      const api = await bus('api-1');
      const worker = await bus('w-1');
      worker.handle(async (command) => ({ ok: command.kind === 'stop', running: false }));
      expect(await api.send('w-1', { kind: 'stop', cameraId: 'c1' }, 2000)).toEqual({ ok: true, running: false });
      expect(await api.send('w-1', { kind: 'claim', cameraId: 'c1' }, 2000)).toEqual({ ok: false, running: false });
    });

    it('fails at once for a node nobody listens for, and after the time-out for one that does not answer', async () => {
      const api = await bus('api-2');
      await expect(api.send('w-nobody', { kind: 'stop', cameraId: 'c1' }, 5000)).rejects.toThrow(/not listening/);
      const slow = await bus('w-slow');
      slow.handle(() => new Promise(() => undefined));
      const started = Date.now();
      await expect(api.send('w-slow', { kind: 'stop', cameraId: 'c1' }, 300)).rejects.toThrow(/no answer/);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('passes a handler failure back as the error', async () => {
      const api = await bus('api-3');
      const worker = await bus('w-3');
      worker.handle(async () => {
        throw new Error('boom');
      });
      await expect(api.send('w-3', { kind: 'reconfigure', cameraId: 'c1' }, 2000)).rejects.toThrow('boom');
    });

    it('tells every node, itself at once, when a camera changes hands', async () => {
      const a = await bus('n-a');
      const b = await bus('n-b');
      const heardA: unknown[] = [];
      const heardB: unknown[] = [];
      a.onAnnouncement((c) => heardA.push(c));
      b.onAnnouncement((c) => heardB.push(c));
      a.announce({ cameraId: 'c9', owner: 'n-a' });
      expect(heardA).toEqual([{ cameraId: 'c9', owner: 'n-a' }]);
      await until('b to hear', () => heardB.length === 1);
      expect(heardB).toEqual([{ cameraId: 'c9', owner: 'n-a' }]);
      await sleep(100);
      expect(heardA).toHaveLength(1);
    });
  });

  describe('RedisNodeRegistry', () => {
    it('lists the nodes announced lately and forgets one that stops announcing', async () => {
      const registry = new RedisNodeRegistry(await connect('registry'));
      const node = { id: 'w-reg', role: 'worker' as const, host: 'h', url: 'http://h:4000', startedAt: new Date(1000), lastSeen: new Date(2000), cameras: 2, labels: ['x'], capacity: 2 };
      await registry.announce(node, 300);
      await registry.announce({ ...node, id: 'api-reg', role: 'api' }, 5000);
      expect((await registry.list()).filter((n) => n.id.endsWith('-reg')).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { ...node, id: 'api-reg', role: 'api' },
        node,
      ]);
      await sleep(450);
      expect((await registry.list()).map((n) => n.id)).not.toContain('w-reg');
      await registry.remove('api-reg');
      expect((await registry.list()).map((n) => n.id)).not.toContain('api-reg');
    });
  });

  describe('AlertRelay over the socket.io Redis adapter', () => {
    interface RelayNode {
      id: string;
      io: Server;
      relay: AlertRelay;
      got: RelayedAlert[];
    }
    const nodes: RelayNode[] = [];
    // A Server never attached to an HTTP server has no engine to close: its adapter is all there is.
    // Its close unsubscribes over Redis; awaited, so that it never runs into the disconnects of
    // afterAll (a node closed twice finds its connection gone: nothing left to close).
    const closeNode = async (node: RelayNode) => {
      node.relay.close();
      await Promise.resolve(node.io.of('/').adapter.close()).catch(() => undefined);
    };
    const relayNode = (id: string, peers: () => string[]): RelayNode => {
      const io = new Server();
      const pub = connectAdapterPublisher(server.url, { name: `${id}-io-pub`, log: quiet });
      connections.push(pub);
      io.adapter(createAdapter(pub, subscriber(`${id}-io-sub`), { requestsTimeout: 1000 }));
      const got: RelayedAlert[] = [];
      const relay = new AlertRelay({ nodeId: id, peers: async () => peers().filter((p) => p !== id), deliver: (r) => got.push(r), log: quiet, retryDelaysMs: [200, 200, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000], ackTimeoutMs: 1500 });
      relay.attach(io);
      const node = { id, io, relay, got };
      nodes.push(node);
      closers.push(() => closeNode(node));
      return node;
    };

    it('delivers each alert once on every node, the sender included, with its dates', async () => {
      const ids = ['r-a', 'r-b', 'r-c'];
      const [a, b, c] = ids.map((id) => relayNode(id, () => ids));
      await sleep(300); // subscriptions in place
      a.relay.send({ event: 'alert', alert: anAlert('x1'), audience: { cameraId: 'c1', userIds: ['u1'], includeAdmins: true } });
      a.relay.send({ event: 'alert', alert: anAlert('x1'), audience: { cameraId: 'c1', userIds: ['u1'], includeAdmins: true } });
      await until('every node', () => b.got.length === 1 && c.got.length === 1 && a.relay.backlog === 0);
      for (const node of [a, b, c]) {
        expect(node.got).toHaveLength(1);
        expect(node.got[0].alert.timestamp).toEqual(new Date('2026-01-01T00:00:00Z'));
        expect(node.got[0].audience).toEqual({ cameraId: 'c1', userIds: ['u1'], includeAdmins: true });
      }
      const renamed = { ...anAlert('x1'), person: { id: 'p1', name: 'Ada', similarity: 0.8 } };
      b.relay.send({ event: 'alert_updated', alert: renamed, audience: { cameraId: 'c1', userIds: [], includeAdmins: true } });
      await until('the change everywhere', () => [a, b, c].every((n) => n.got.length === 2));
      expect(a.got[1].event).toBe('alert_updated');
      for (const node of nodes.splice(0)) await closeNode(node);
    });

    it('sends again until every node acknowledged, across a Redis restart, and delivers once', async () => {
      const ids = ['s-a', 's-b'];
      const [a, b] = ids.map((id) => relayNode(id, () => ids));
      await sleep(300);
      await server.kill();
      a.relay.send({ event: 'alert', alert: anAlert('y1'), audience: { cameraId: 'c1', userIds: [], includeAdmins: true } });
      await sleep(1500);
      expect(a.got).toHaveLength(1);
      expect(b.got).toHaveLength(0);
      expect(a.relay.backlog).toBe(1);
      await server.start();
      await until('b to get it', () => b.got.length === 1 && a.relay.backlog === 0, 20_000);
      await sleep(500);
      expect(b.got.map((r) => r.alert.alertId)).toEqual(['y1']);
      expect(a.got.map((r) => r.alert.alertId)).toEqual(['y1']);
    }, 40_000);
  });
}
