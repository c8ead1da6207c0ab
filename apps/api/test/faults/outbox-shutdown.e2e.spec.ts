import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { cameraBody } from '../../src/testing/test-app';
import { SERVER_MAIN, ensureServerBuilt, spawnBuiltServer, type BuiltServer } from '../support/built-server';
import { until } from './support/processes';

// The real entry point (dist/server main.js) with its embedded database. Another connection holds
// the database's write lock (as a backup tool or a stuck writer would): alerts posted meanwhile are
// published and kept in DATA_DIR/outbox, and the background flush fails and backs off. The lock goes
// away while the next flush is still seconds off, and SIGTERM arrives: the shutdown writes the
// outbox to the database, exits 0, and leaves the outbox empty.
jest.setTimeout(180_000);

const ADMIN_PASSWORD = 'outbox-shutdown-password';
const ALERT_TOKEN = 'outbox-shutdown-alert-token-0123456789';
/** The flush backs off 1, 2, 4, 8 s...: SIGTERM goes out with this much time left before the next one. */
const FLUSH_AT_LEAST_MS = 8000;

describe('shutdown with alerts in the outbox', () => {
  let dataDir: string;
  let server: BuiltServer;
  let token: string;
  let cameraId: string;

  beforeAll(async () => {
    // dist/server as it is (shutdown.e2e.spec.ts rebuilds it when stale); built here when missing.
    if (!existsSync(SERVER_MAIN)) ensureServerBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'argus-outbox-shutdown-'));
    server = await spawnBuiltServer({ DATA_DIR: dataDir, ADMIN_PASSWORD, ALERT_POST_AUTH_TOKEN: ALERT_TOKEN });
    await until('the server ready', 60_000, async () => ((await fetch(`${server.url}/api/health/ready`).catch(() => null))?.status === 200 ? true : undefined), 300);
    const login = await api('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    token = login.body.token;
    cameraId = (await api('POST', '/api/cameras', cameraBody(), token)).body.id;
  }, 120_000);

  afterAll(async () => {
    await server?.cleanUp();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function api(method: string, path: string, body?: unknown, bearer?: string): Promise<{ status: number; body: Record<string, string> }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = { status: res.status, body: (await res.json()) as Record<string, string> };
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(answer.body)}`);
    return answer;
  }

  const outbox = () => readdirSync(join(dataDir, 'outbox'));
  /** The longest back-off the server has announced so far. */
  const announcedRetryMs = () => Math.max(0, ...[...server.output().matchAll(/outbox flush failed .*?next attempt in (\d+) ms/g)].map((m) => Number(m[1])));

  it('writes the outbox to the database on SIGTERM, exits 0 and leaves the outbox empty', async () => {
    const dbFile = join(dataDir, 'argus.db');
    const lock = new Database(dbFile);
    lock.pragma('busy_timeout = 30000');
    lock.exec('BEGIN IMMEDIATE'); // the write lock: the server's writes wait 5 s (its busy timeout), then fail
    const posted: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const res = await api('POST', '/api/alerts', { cameraId, bbox: { x: 10 + i, y: 20, width: 30, height: 40 } }, ALERT_TOKEN);
        expect(res.status).toBe(201);
        posted.push(res.body.alertId);
      }
      await until(`a flush back-off of ${FLUSH_AT_LEAST_MS} ms`, 120_000, () => (announcedRetryMs() >= FLUSH_AT_LEAST_MS ? true : undefined));
      expect(outbox().filter((name) => name.endsWith('.json'))).toHaveLength(posted.length);
      expect(lock.prepare('SELECT COUNT(*) AS n FROM alerts').get()).toMatchObject({ n: 0 });
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    // The database works again; the next scheduled flush is seconds away. SIGTERM now.
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db.prepare('SELECT id FROM alerts ORDER BY rowid').all() as Array<{ id: string }>;
      expect(rows.map((r) => r.id)).toEqual(posted); // each once, in the order posted
    } finally {
      db.close();
    }
    expect(outbox()).toEqual([]);
    // It was the shutdown that emptied the outbox, not the periodic flush.
    const output = server.output();
    const shutdownAt = output.indexOf('shutting down (SIGTERM)');
    expect(shutdownAt).toBeGreaterThan(-1);
    expect(output.indexOf('outbox flushed')).toBeGreaterThan(shutdownAt);
    expect(output).toMatch(/"msg":"stopped"/);
  });
});
