import type { Alert } from '../alerts/alert';
import { aCamera } from '../testing/builders';
import { FakeClock, InMemoryAlerts, InMemoryCameras, RecordingPublisher } from '../testing/fakes';
import { MemoryCameraFences } from '../testing/cluster-fakes';
import { RecordAlert } from '../alerts/use-cases/record-alert';
import { SequentialIds } from '../testing/fakes';
import { FenceBook, FencedAlertRepository, FencedStatusReporter, FencedWrites, StaleFenceError, fencedRecordAlert } from './fenced-writes';

const anAlert = (alertId: string): Alert =>
  ({ alertId, cameraId: 'c1', timestamp: new Date(), bbox: { x: 0, y: 0, width: 1, height: 1 }, snapshotUrl: null, snapshotKey: null, meta: {}, kind: 'face', zones: [], createdAt: new Date() }) as unknown as Alert;

async function setUp() {
  const clock = new FakeClock();
  const cameras = new InMemoryCameras();
  await cameras.create(aCamera({ status: 'starting' }));
  const fences = new MemoryCameraFences();
  const book = new FenceBook();
  const writes = new FencedWrites(book, fences);
  const publisher = new RecordingPublisher();
  const status = new FencedStatusReporter({ cameras, publisher, clock }, writes);
  const stored = new InMemoryAlerts();
  const alerts = new FencedAlertRepository(stored, writes);
  const { token } = await fences.take('c1', 'w-a');
  book.set('c1', token);
  return { cameras, fences, book, status, alerts, stored, publisher };
}

describe('fenced writes', () => {
  it('lets the holder with the newest token write statuses and alerts', async () => {
    const t = await setUp();
    await t.status.setStatus('c1', 'running');
    await t.alerts.add(anAlert('a1'));
    expect((await t.cameras.findById('c1'))?.status).toBe('running');
    expect(t.stored.rows.map((a) => a.alertId)).toEqual(['a1']);
  });

  it('refuses writes once another worker took a newer token, and those of a camera not held here', async () => {
    const t = await setUp();
    await t.fences.take('c1', 'w-b');
    await expect(t.status.setStatus('c1', 'running')).rejects.toBeInstanceOf(StaleFenceError);
    await expect(t.alerts.add(anAlert('a1'))).rejects.toBeInstanceOf(StaleFenceError);
    t.book.delete('c1');
    await expect(t.status.setStatus('c1', 'error', 'x')).rejects.toBeInstanceOf(StaleFenceError);
    expect((await t.cameras.findById('c1'))?.status).toBe('starting');
    expect(t.stored.rows).toEqual([]);
  });

  it('lets writes through while the database cannot be asked (they meet the outage themselves)', async () => {
    const t = await setUp();
    t.fences.down = true;
    await t.alerts.add(anAlert('a1'));
    expect(t.stored.rows).toHaveLength(1);
  });

  it('treats an alert id stored already as the same alert', async () => {
    const t = await setUp();
    await t.alerts.add(anAlert('a1'));
    await t.alerts.add(anAlert('a1'));
    expect(t.stored.rows).toHaveLength(1);
  });

  it('fences the alerts the pipeline records, not those posted from outside', async () => {
    const t = await setUp();
    const writes = new FencedWrites(t.book, t.fences);
    const inner = new RecordAlert({ cameras: t.cameras, alerts: t.stored, publisher: t.publisher, ids: new SequentialIds(), clock: new FakeClock() });
    const record = fencedRecordAlert(inner, writes);
    const camera = await t.cameras.findById('c1');
    if (!camera) throw new Error('no camera');
    const fields = { timestamp: new Date(), bbox: { x: 0, y: 0, width: 1, height: 1 }, snapshotUrl: null, snapshotKey: null, meta: { score: 1, frameWidth: 1, frameHeight: 1, faces: 1 }, kind: 'face' as const, zones: [] };
    await record.record(camera, fields);
    await t.fences.take('c1', 'w-b');
    await expect(record.record(camera, fields)).rejects.toBeInstanceOf(StaleFenceError);
    await record.fromExternal({ cameraId: 'c1', bbox: { x: 0, y: 0, width: 1, height: 1 } });
    expect(t.stored.rows).toHaveLength(2);
  });
});
