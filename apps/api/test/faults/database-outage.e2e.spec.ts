import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CameraRuntime } from '@argus/domain';
import { SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { ALERT_TOKEN, bearer } from '../../src/testing/test-app';
import { startFaultRig, type FaultRig } from './support/fault-rig';
import { sleep, until } from './support/processes';

// The database refuses every write for 30 s (SQLite read-only, as with a full or failing disk) while
// two face cameras and an outside worker (POST /api/alerts) keep raising alerts. Every alert is
// published at once, waits in the outbox, and is stored exactly once, in order, afterwards; the
// cameras' alerts keep their snapshots.
jest.setTimeout(240_000);

const OUTAGE_MS = 30_000;
const POST_EVERY_MS = 400;

interface Published {
  alertId: string;
  cameraId: string;
  /** The live event's link, signed for the socket's user (the cameras' owner). */
  snapshotUrl?: string;
  seenAt: number;
}

interface OutboxEntry {
  alert: { alertId: string; snapshotKey: string | null };
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
    rig.socket.on('alert', (a: Omit<Published, 'seenAt'>) =>
      published.push({ alertId: a.alertId, cameraId: a.cameraId, snapshotUrl: a.snapshotUrl, seenAt: Date.now() }),
    );
    cameras = [await rig.addCamera('porch', { fps: 3 }), await rig.addCamera('yard', { fps: 3 })];
    for (const id of cameras) await rig.start(id);
    await Promise.all(cameras.map((id) => rig.states.waitFor(id, 'running', 60_000)));
  }, 120_000);

  afterAll(async () => {
    db?.connection.pragma('query_only = OFF');
    await rig?.close();
  });

  const stored = () => (db.connection.prepare('SELECT id FROM alerts ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);
  const outboxDir = () => join(rig.t.config.dataDir, 'outbox');
  const outbox = () => readdirSync(outboxDir()).filter((name) => name.endsWith('.json'));
  /** What the outbox holds, oldest first (file names are the append order). */
  const outboxEntries = () => outbox().sort().map((name) => (JSON.parse(readFileSync(join(outboxDir(), name), 'utf8')) as OutboxEntry).alert);

  /** An outside worker posting an alert every POST_EVERY_MS until stopped; answers the ids it got. */
  function poster(cameraId: string): { ids: string[]; stop(): Promise<string[]> } {
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
    return { ids, stop: async () => ((running = false), await loop, ids) };
  }

  interface Outage {
    /** Alerts published while the database refused writes (none of them could be stored then). */
    alerts: Published[];
    /** The outbox at the end of the outage, oldest first. */
    kept: Array<{ alertId: string; snapshotKey: string | null }>;
  }

  /**
   * The database refuses writes for OUTAGE_MS (longer if the cameras have not raised an alert yet):
   * alerts still go out live, and only to the outbox.
   */
  async function outage(posted: readonly string[]): Promise<Outage> {
    const runtime = rig.t.app.get(CameraRuntime);
    const camerasNow = () => cameras.map((id) => runtime.counters(id) ?? { reconnects: -1, processed: -1 });
    const before = camerasNow();
    // The app runs in this process and SQLite is synchronous: every alert stored before this line is
    // in `storedBefore`, every later write fails and goes to the outbox.
    db.connection.pragma('query_only = ON');
    const storedBefore = new Set(stored());
    const downAt = Date.now();
    const inOutage = () => published.filter((p) => !storedBefore.has(p.alertId));
    await sleep(OUTAGE_MS);
    await until('alerts from a camera and from the worker during the outage', 60_000, () => {
      const ids = inOutage().map((p) => p.alertId);
      return ids.some((id) => posted.includes(id)) && ids.some((id) => !posted.includes(id)) ? true : undefined;
    });
    // Read in this order: anything published is already in the outbox, and nothing leaves it yet.
    const alerts = inOutage();
    const kept = outboxEntries();
    expect(stored()).toEqual([...storedBefore]);
    // Published live, though nothing reached the database.
    expect(alerts.every((p) => p.seenAt >= downAt)).toBe(true);
    expect(kept.map((a) => a.alertId)).toEqual(expect.arrayContaining(alerts.map((p) => p.alertId)));
    // The cameras never noticed: no reconnect, frames kept going through detection.
    camerasNow().forEach((now, i) => {
      expect(now.reconnects).toBe(before[i].reconnects);
      expect(now.processed).toBeGreaterThan(before[i].processed);
    });
    db.connection.pragma('query_only = OFF');
    return { alerts, kept };
  }

  it('publishes every alert live, keeps it in the outbox, and stores each once, in order, afterwards', async () => {
    const posting = poster(cameras[0]);
    await sleep(3000);
    const during = await outage(posting.ids);
    await sleep(3000); // alerts keep coming while the outbox drains
    const posted = await posting.stop();
    for (const id of cameras) await rig.stop(id);
    // The outbox retries with backoff (up to 16 s after 30 s of failures).
    await until('the outbox flushed', 60_000, () => (outbox().length === 0 && stored().length === published.length ? true : undefined));

    const publishedIds = published.map((p) => p.alertId);
    expect(new Set(publishedIds).size).toBe(publishedIds.length); // no alert published twice
    expect(stored()).toEqual(publishedIds); // each stored once, in the order published
    expect(publishedIds).toEqual(expect.arrayContaining(posted));

    // The cameras' own alerts (not only the posted ones) went through the outbox with their snapshots.
    const fromCameras = during.alerts.filter((p) => !posted.includes(p.alertId));
    expect(fromCameras.length).toBeGreaterThan(0);
    expect(fromCameras.every((p) => cameras.includes(p.cameraId))).toBe(true);
    const keptKeys = new Map(during.kept.map((a) => [a.alertId, a.snapshotKey]));
    for (const alert of fromCameras) {
      expect(keptKeys.get(alert.alertId)).toEqual(expect.stringMatching(/\.jpg$/));
      expect(stored().filter((id) => id === alert.alertId)).toHaveLength(1);
      // Stored, the alert answers a snapshot link for its owner, and the live link works too.
      const view = await rig.t.http().get(`/api/alerts/${alert.alertId}`).set(bearer(rig.token)).expect(200);
      expect(view.body.snapshotUrl).toEqual(expect.any(String));
      for (const url of [view.body.snapshotUrl as string, alert.snapshotUrl as string]) {
        const jpeg = await rig.t.http().get(url).buffer(true).expect(200);
        expect(jpeg.headers['content-type']).toMatch(/^image\/jpeg/);
        expect((jpeg.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      }
    }
    process.stdout.write(
      `database outage: ${publishedIds.length} alerts, ${during.alerts.length} during the outage (${fromCameras.length} from the cameras' faces)\n`,
    );
  });
});
