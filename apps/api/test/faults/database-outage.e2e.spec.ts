import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CameraRuntime } from '@argus/domain';
import { SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { ALERT_TOKEN, bearer } from '../../src/testing/test-app';
import { startFaultRig, type FaultRig } from './support/fault-rig';
import { sleep, until } from './support/processes';

// The database refuses every write for 30 s (SQLite read-only, as with a full or failing disk) while
// two face cameras and an outside worker (POST /api/alerts) keep raising alerts. Every alert is
// published at once, waits in the outbox, and is stored exactly once, in order, afterwards.
jest.setTimeout(180_000);

const OUTAGE_MS = 30_000;
const POST_EVERY_MS = 400;

interface Published {
  alertId: string;
  cameraId: string;
  seenAt: number;
}

describe('fault suite: the database down for 30 s during alerts', () => {
  let rig: FaultRig;
  let db: SqliteDatabase;
  let cameras: string[];
  const published: Published[] = [];

  beforeAll(async () => {
    // Cooldown 1 s: the cameras' faces raise an alert whenever a new track appears.
    rig = await startFaultRig({ paths: { porch: {}, yard: {} }, env: { ALERT_COOLDOWN_S: '1', ALERT_POST_BURST: '1000' } });
    db = rig.t.app.get(SqliteDatabase, { strict: false });
    rig.socket.on('alert', (a: Omit<Published, 'seenAt'>) => published.push({ alertId: a.alertId, cameraId: a.cameraId, seenAt: Date.now() }));
    cameras = [await rig.addCamera('porch', { fps: 3 }), await rig.addCamera('yard', { fps: 3 })];
    for (const id of cameras) await rig.start(id);
    await Promise.all(cameras.map((id) => rig.states.waitFor(id, 'running', 60_000)));
  }, 120_000);

  afterAll(async () => {
    db?.connection.pragma('query_only = OFF');
    await rig?.close();
  });

  const stored = () => (db.connection.prepare('SELECT id FROM alerts ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);
  const outbox = () => readdirSync(join(rig.t.config.dataDir, 'outbox')).filter((name) => name.endsWith('.json'));

  /** An outside worker posting an alert every POST_EVERY_MS until stopped; answers the ids it got. */
  function poster(cameraId: string): { stop(): Promise<string[]> } {
    const ids: string[] = [];
    let running = true;
    const loop = (async () => {
      for (let i = 0; running; i++) {
        const res = await rig.t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId, bbox: { x: i, y: 1, width: 20, height: 20 } });
        if (res.status !== 201) throw new Error(`POST /api/alerts → ${res.status} ${JSON.stringify(res.body)}`);
        ids.push(res.body.alertId);
        await sleep(POST_EVERY_MS);
      }
    })();
    return { stop: async () => ((running = false), await loop, ids) };
  }

  /** The database refuses writes for OUTAGE_MS: alerts still go out live, and only to the outbox. */
  async function outage(): Promise<Published[]> {
    const runtime = rig.t.app.get(CameraRuntime);
    const camerasNow = () => cameras.map((id) => runtime.counters(id) ?? { reconnects: -1, processed: -1 });
    const before = camerasNow();
    db.connection.pragma('query_only = ON');
    const downAt = Date.now();
    const storedAtOutage = stored().length;
    await sleep(OUTAGE_MS);
    const duringOutage = published.filter((p) => p.seenAt >= downAt);
    // Published live: one per post at least, though nothing reached the database.
    expect(duringOutage.length).toBeGreaterThanOrEqual(OUTAGE_MS / (POST_EVERY_MS + 600));
    expect(stored().length).toBe(storedAtOutage);
    expect(outbox().length).toBeGreaterThanOrEqual(duringOutage.length);
    // The cameras never noticed: no reconnect, frames kept going through detection.
    camerasNow().forEach((now, i) => {
      expect(now.reconnects).toBe(before[i].reconnects);
      expect(now.processed).toBeGreaterThan(before[i].processed);
    });
    db.connection.pragma('query_only = OFF');
    return duringOutage;
  }

  it('publishes every alert live, keeps it in the outbox, and stores each once, in order, afterwards', async () => {
    const posting = poster(cameras[0]);
    await sleep(3000);
    const duringOutage = await outage();
    await sleep(3000); // alerts keep coming while the outbox drains
    const posted = await posting.stop();
    for (const id of cameras) await rig.stop(id);
    // The outbox retries with backoff (up to 16 s after 30 s of failures).
    await until('the outbox flushed', 45_000, () => (outbox().length === 0 && stored().length === published.length ? true : undefined));

    const publishedIds = published.map((p) => p.alertId);
    expect(new Set(publishedIds).size).toBe(publishedIds.length); // no alert published twice
    expect(stored()).toEqual(publishedIds); // each stored once, in the order published
    expect(publishedIds).toEqual(expect.arrayContaining(posted));
    const fromCameras = published.filter((p) => cameras.includes(p.cameraId) && !posted.includes(p.alertId));
    process.stdout.write(`database outage: ${publishedIds.length} alerts (${fromCameras.length} from the cameras' faces), ${duringOutage.length} during the outage\n`);
  });
});
