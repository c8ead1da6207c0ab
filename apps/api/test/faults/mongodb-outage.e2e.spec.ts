import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { startFaultRig, type FaultRig } from './support/fault-rig';
import { sleep, until } from './support/processes';

// MongoDB goes away for 20 s while two face cameras raise alerts: the server (the wire-protocol test
// double from tools/testing/mongo-wire, or nothing else: this test needs to take it away) stops
// listening and drops every connection, then comes back on the same port with its data. Alerts go
// out live all along and wait in the outbox; readiness says 503 while the database is away and 200
// after; every alert published is stored once, in the order published.
jest.setTimeout(150_000);

const OUTAGE_MS = 20_000;
const DB = 'argus-faults';

interface Published {
  alertId: string;
  cameraId: string;
  seenAt: number;
}

describe('fault suite: MongoDB away for 20 s during alerts', () => {
  let mongo: MongoWireServer;
  let rig: FaultRig;
  let cameras: string[];
  const published: Published[] = [];

  beforeAll(async () => {
    mongo = await startMongoWireServer();
    // Cooldown 1 s: the cameras' faces raise an alert whenever a new track appears.
    rig = await startFaultRig({ paths: { porch: {}, yard: {} }, env: { MONGODB_URI: `${mongo.uri}${DB}`, ALERT_COOLDOWN_S: '1' } });
    rig.socket.on('alert', (a: Omit<Published, 'seenAt'>) => published.push({ alertId: a.alertId, cameraId: a.cameraId, seenAt: Date.now() }));
    cameras = [await rig.addCamera('porch', { fps: 3 }), await rig.addCamera('yard', { fps: 3 })];
    for (const id of cameras) await rig.start(id);
    await Promise.all(cameras.map((id) => rig.states.waitFor(id, 'running', 60_000)));
  }, 120_000);

  afterAll(async () => {
    await mongo?.resume().catch(() => undefined); // the app closes its connection cleanly
    await rig?.close();
    await mongo?.stop();
  });

  const stored = () => mongo.documents(DB, 'alerts').map((doc) => String(doc._id));
  const outbox = () => readdirSync(join(rig.t.config.dataDir, 'outbox')).filter((name) => name.endsWith('.json'));
  const readiness = async () => (await rig.t.http().get('/api/health/ready')).status;

  it('publishes alerts live while the database is away, is not ready then, and stores every alert once, in order, after', async () => {
    await until('an alert stored before the outage', 60_000, () => (stored().length > 0 ? true : undefined));
    expect(await readiness()).toBe(200);

    await mongo.suspend();
    // The double is away: nothing can reach it until resume(), so what it holds now is all it gets.
    const storedBefore = new Set(stored());
    const downAt = Date.now();
    const readyDuring: number[] = [];
    const inOutage = () => published.filter((p) => !storedBefore.has(p.alertId));
    while (Date.now() - downAt < OUTAGE_MS || inOutage().length < 3) {
      if (Date.now() - downAt > 60_000) throw new Error(`only ${inOutage().length} alert(s) published in 60 s of outage`);
      readyDuring.push(await readiness());
      await sleep(1000);
    }
    const during = inOutage();
    const kept = outbox().length;
    await mongo.resume();
    const upAt = Date.now();

    // Live events kept flowing, and readiness said "not ready" at every probe.
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.every((p) => cameras.includes(p.cameraId))).toBe(true);
    expect(readyDuring.length).toBeGreaterThan(0);
    expect(new Set(readyDuring)).toEqual(new Set([503]));
    // Each of them waited in the outbox (the first may also still be on its way to the database).
    expect(kept).toBeGreaterThanOrEqual(during.length);
    expect(stored()).toEqual([...storedBefore]);

    await until('readiness 200 again', 60_000, async () => ((await readiness()) === 200 ? true : undefined), 500);
    // Alerts keep coming while the outbox drains.
    await until('an alert after the outage', 60_000, () => (published.some((p) => p.seenAt > upAt) ? true : undefined));
    for (const id of cameras) await rig.stop(id);
    await until('the outbox flushed', 90_000, () => (outbox().length === 0 && stored().length >= published.length ? true : undefined));

    const publishedIds = published.map((p) => p.alertId);
    expect(new Set(publishedIds).size).toBe(publishedIds.length); // no alert published twice
    expect(stored()).toEqual(publishedIds); // each stored once, in the order published: nothing lost, no duplicate
    expect(outbox()).toEqual([]);
    process.stdout.write(`mongodb outage: ${publishedIds.length} alerts, ${during.length} during ${Math.round((upAt - downAt) / 1000)} s away\n`);
  });
});
