import { ensureServerBuilt, freePort, spawnBuiltServer, type BuiltServer } from './support/built-server';

// The production entry point with MONGODB_URI on a port where nothing listens: what it says while
// it waits, what the health endpoints answer meanwhile, and how it ends.
jest.setTimeout(120_000);

interface Health {
  ready: boolean;
  database: { kind: string; up: boolean; detail?: string };
}

async function until<T>(what: string, server: BuiltServer, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}:\n${server.output()}`);
}

describe('start-up without its MongoDB', () => {
  const servers: BuiltServer[] = [];
  let closed: number;
  const start = async (waitS: string) => {
    const server = await spawnBuiltServer({ MONGODB_URI: `mongodb://127.0.0.1:${closed}/argus`, DATABASE_WAIT_S: waitS, ADMIN_PASSWORD: 'database-wait-test' });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    ensureServerBuilt();
    closed = await freePort();
  });
  afterAll(async () => {
    for (const server of servers) await server.cleanUp();
  });

  it('says which database it waits for and why, answers health with the same words, then gives up with exit code 1', async () => {
    const server = await start('6');
    const target = `127.0.0.1:${closed}`;
    await until('the first line', server, async () => (server.output().includes(`waiting for MongoDB at ${target} (up to 6 s, DATABASE_WAIT_S)`) ? true : undefined));
    const reason = `connect ECONNREFUSED ${target}`;
    const health = await until('a health answer with the reason', server, async () => {
      const res = await fetch(`${server.url}/api/health`);
      const body = (await res.json()) as Health;
      return res.status === 200 && body.database.detail?.includes(reason) ? body : undefined;
    });
    expect(health).toMatchObject({ ready: false, database: { kind: 'mongodb', up: false, detail: `waiting for MongoDB at ${target}: ${reason}` } });
    expect(server.output()).toContain(`waiting for MongoDB at ${target}: ${reason} (`);

    const ready = await fetch(`${server.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as Health).database.detail).toBe(`waiting for MongoDB at ${target}: ${reason}`);
    const other = await fetch(`${server.url}/api/cameras`);
    expect(other.status).toBe(503);
    expect(other.headers.get('retry-after')).toBe('5');
    expect(await other.json()).toEqual({ statusCode: 503, message: `Argus is starting: waiting for MongoDB at ${target}: ${reason}` });

    expect((await server.exited).code).toBe(1);
    expect(server.output()).toMatch(new RegExp(`Argus failed to start: gave up waiting for MongoDB at 127\\.0\\.0\\.1:${closed} after \\d+ s \\(DATABASE_WAIT_S=6\\): connect ECONNREFUSED`));
  });

  it('stops with exit code 0 on SIGTERM while it waits', async () => {
    const server = await start('60');
    await until('the waiting health server', server, async () => ((await fetch(`${server.url}/api/health`)).ok ? true : undefined));
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.output()).toContain(`SIGTERM while waiting for MongoDB at 127.0.0.1:${closed}`);
  });
});
