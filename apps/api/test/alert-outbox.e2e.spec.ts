import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { FsAlertOutbox } from '@argus/adapters';
import { SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { connectSocket, eventually, handshake, recordEvents } from './support/sockets';

const bbox = { x: 1, y: 2, width: 30, height: 40 };

describe('nothing lost: alerts while the database refuses writes', () => {
  let t: TestApp;
  let db: SqliteDatabase;
  let socket: Socket;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(SqliteDatabase, { strict: false });
  });
  afterAll(async () => {
    socket?.close();
    db.connection.pragma('query_only = OFF');
    await t.close();
  });

  const outboxFiles = () => readdirSync(join(t.config.dataDir, 'outbox'));

  it('publishes each alert at once, keeps it on disk, and stores it once, in order, when writes work again', async () => {
    const camera = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body;
    socket = connectSocket(t.url, { token: t.adminToken });
    expect(await handshake(socket)).toBe(true);
    const seen = recordEvents(socket, ['alert']);
    const count = async () => (await t.http().get(`/api/alerts?cameraId=${camera.id}`).set(bearer(t.adminToken)).expect(200)).body.total;

    // The database still answers reads but refuses every write, as a failing disk or a lost primary would.
    db.connection.pragma('query_only = ON');
    const posted: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: camera.id, bbox, timestamp: 1_770_000_000_000 + i }).expect(201);
      posted.push(res.body.alertId);
    }
    expect(await eventually(() => seen['alert'].length === 4, 1000)).toBe(true);
    expect(outboxFiles()).toHaveLength(4);
    expect(await count()).toBe(0);

    db.connection.pragma('query_only = OFF');
    expect(await eventually(async () => (await count()) === 4, 8000)).toBe(true);
    const rows = db.connection.prepare('SELECT id FROM alerts ORDER BY rowid').all() as Array<{ id: string }>;
    expect(rows.map((r) => r.id)).toEqual(posted);
    expect(outboxFiles()).toEqual([]);
    expect((seen['alert'] as Array<{ alertId: string }>).map((a) => a.alertId)).toEqual(posted);
  });
});

describe('nothing lost: alerts left in the outbox by a previous run', () => {
  it('are written to the database at start-up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-replay-'));
    const outbox = await FsAlertOutbox.open(join(dataDir, 'outbox'));
    const at = new Date('2026-04-01T10:00:00Z');
    const left = ['left-1', 'left-2'].map((alertId) => ({
      alertId, cameraId: 'cam-x', timestamp: at, bbox, snapshotUrl: null, snapshotKey: null,
      meta: { score: 0.9, frameWidth: 640, frameHeight: 480, faces: 1 }, createdAt: at,
    }));
    for (const alert of left) await outbox.append(alert);
    const t = await startTestApp({ DATA_DIR: dataDir });
    try {
      const listed = async () => (await t.http().get('/api/alerts').set(bearer(t.adminToken)).expect(200)).body;
      expect(await eventually(async () => (await listed()).total === 2)).toBe(true);
      expect((await listed()).items.map((a: { alertId: string }) => a.alertId).sort()).toEqual(['left-1', 'left-2']);
      expect(readdirSync(join(dataDir, 'outbox'))).toEqual([]);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('missed alerts on reconnect: GET /api/alerts?from=', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers every alert from the last one seen on (inclusive), newest first, page by page', async () => {
    const cameraId = (await t.http().post('/api/cameras').set(bearer(t.adminToken)).send(cameraBody()).expect(201)).body.id;
    const base = Date.parse('2026-03-01T10:00:00Z');
    // Two share a timestamp, and they arrive out of capture order.
    const offsets = [0, 5000, 1000, 3000, 3000, 9000];
    const alerts: Array<{ alertId: string; timestamp: string }> = [];
    for (const offset of offsets) {
      const res = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox, timestamp: new Date(base + offset).toISOString() }).expect(201);
      alerts.push(res.body);
    }
    const lastSeen = alerts[2];
    const expected = alerts
      .filter((a) => a.timestamp >= lastSeen.timestamp)
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp) || b.alertId.localeCompare(a.alertId))
      .map((a) => a.alertId);
    const got: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await t.http().get('/api/alerts').query({ from: lastSeen.timestamp, limit: 2, page }).set(bearer(t.adminToken)).expect(200);
      expect(res.body).toMatchObject({ total: 5, page, limit: 2 });
      got.push(...res.body.items.map((a: { alertId: string }) => a.alertId));
    }
    expect(got).toEqual(expected);
    expect(got).toContain(lastSeen.alertId);
    const epoch = await t.http().get('/api/alerts').query({ from: String(base + 1000), limit: 100 }).set(bearer(t.adminToken)).expect(200);
    expect(epoch.body.items.map((a: { alertId: string }) => a.alertId)).toEqual(expected);
  });
});
