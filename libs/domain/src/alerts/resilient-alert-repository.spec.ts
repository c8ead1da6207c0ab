import type { Camera } from '../cameras/camera';
import { ConflictError, ValidationError } from '../shared/errors';
import { ManualTimers, settle } from '../testing/manual-timers';
import { FakeClock, FlakyAlerts, InMemoryCameras, InMemoryOutbox, RecordingPublisher, SequentialIds } from '../testing/fakes';
import type { Alert } from './alert';
import { ResilientAlertRepository, type ResilientAlertOptions } from './resilient-alert-repository';
import { RecordAlert } from './use-cases/record-alert';

const NOW = new Date('2026-05-06T07:08:09Z');
const OPTIONS: ResilientAlertOptions = { writeTimeoutMs: 1000, retryMs: 1000, maxRetryMs: 8000 };
const cam: Camera = {
  id: 'c1', name: 'Gate', location: '', rtspUrl: 'rtsp://h/x', enabled: true, detectionEnabled: true, fps: 10,
  status: 'running', lastError: null, ownerId: 'u-owner', viewerIds: [], createdAt: NOW, updatedAt: NOW,
};

function world() {
  const clock = new FakeClock(NOW);
  const timers = new ManualTimers(clock);
  const db = new FlakyAlerts();
  const outbox = new InMemoryOutbox();
  const logs: string[] = [];
  const log = { warn: (m: string) => logs.push(m), info: (m: string) => logs.push(m) };
  const repo = new ResilientAlertRepository(db, outbox, timers, OPTIONS, log);
  const publisher = new RecordingPublisher();
  const cameras = new InMemoryCameras();
  const recorder = new RecordAlert({ cameras, alerts: repo, publisher, ids: new SequentialIds(), clock });
  const record = (n = 1) =>
    recorder.record(cam, { timestamp: clock.now(), bbox: { x: 1, y: 2, width: 3, height: 4 }, snapshotUrl: null, snapshotKey: `c1/${n}.jpg`, meta: { score: 0.9, frameWidth: 64, frameHeight: 36, faces: 1 } });
  /** Moves time on and lets the flush's promise chains run. */
  const advance = async (ms: number) => {
    timers.advance(ms);
    await settle(10);
  };
  return { clock, timers, db, outbox, repo, publisher, record, advance, logs };
}

const ids = (alerts: Alert[]) => alerts.map((a) => a.alertId);

describe('ResilientAlertRepository', () => {
  it('writes straight to the database while it is up and leaves the outbox alone', async () => {
    const w = world();
    await w.record(1);
    await w.record(2);
    expect(ids(w.db.rows)).toEqual(['id-1', 'id-2']);
    expect(w.outbox.kept).toEqual([]);
    expect(w.timers.pendingCount).toBe(0);
    expect(w.repo.status()).toEqual({ backlog: false, deferred: 0, flushed: 0, failures: 0 });
  });

  it('keeps publishing through an outage and stores every alert once, in order, when the database returns', async () => {
    const w = world();
    for (let i = 1; i <= 3; i++) await w.record(i);
    w.db.mode = 'down';
    for (let i = 4; i <= 7; i++) await w.record(i);
    // Published at once, none stored yet, all kept on "disk".
    expect(w.publisher.storedAlerts).toHaveLength(7);
    expect(ids(w.outbox.kept)).toEqual(['id-4', 'id-5', 'id-6', 'id-7']);
    await w.advance(1000);
    await w.advance(2000);
    expect(w.db.rows).toHaveLength(3);
    w.db.mode = 'up';
    // Alerts after the return queue behind the backlog, so the database keeps the order.
    await w.record(8);
    expect(ids(w.outbox.kept)).toEqual(['id-4', 'id-5', 'id-6', 'id-7', 'id-8']);
    await w.advance(4000);
    await w.record(9);
    const stored = ids(w.db.rows);
    expect(stored).toEqual(['id-1', 'id-2', 'id-3', 'id-4', 'id-5', 'id-6', 'id-7', 'id-8', 'id-9']);
    expect(new Set(stored).size).toBe(stored.length);
    expect(ids(w.publisher.storedAlerts)).toEqual(stored);
    expect(w.outbox.kept).toEqual([]);
    expect(w.repo.status()).toEqual({ backlog: false, deferred: 5, flushed: 5, failures: 0 });
  });

  it('retries a failed flush with a doubling delay up to the ceiling, and starts over after recovering', async () => {
    const w = world();
    w.db.mode = 'down';
    await w.record(1);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await settle(10);
      delays.push(...w.timers.pendingDelays());
      await w.advance(w.timers.pendingDelays()[0]);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    w.db.mode = 'up';
    await w.advance(8000);
    expect(w.db.rows).toHaveLength(1);
    expect(w.timers.pendingCount).toBe(0);
    w.db.mode = 'down';
    await w.record(2);
    await settle(10);
    expect(w.timers.pendingDelays()).toEqual([1000]);
  });

  it('does not hold an alert back when the database hangs; the late write is not duplicated', async () => {
    const w = world();
    w.db.mode = 'hang';
    const recorded = w.record(1);
    await settle(5);
    expect(w.publisher.storedAlerts).toHaveLength(0);
    await w.advance(1000);
    await recorded;
    expect(w.publisher.storedAlerts).toHaveLength(1);
    expect(ids(w.outbox.kept)).toEqual(['id-1']);
    // The hung write lands after all; the flush finds the id and only empties the outbox.
    w.db.releaseHung();
    w.db.mode = 'up';
    await w.advance(OPTIONS.retryMs);
    await w.advance(OPTIONS.retryMs * 2);
    expect(ids(w.db.rows)).toEqual(['id-1']);
    expect(w.outbox.kept).toEqual([]);
  });

  it('survives a crash between writing an alert and removing it from the outbox without a duplicate', async () => {
    const w = world();
    w.db.mode = 'down';
    await w.record(1);
    await w.record(2);
    w.db.mode = 'up';
    w.outbox.failNextRemove = true;
    await w.advance(1000);
    expect(ids(w.db.rows)).toEqual(['id-1']);
    expect(ids(w.outbox.kept)).toEqual(['id-1', 'id-2']);
    // "Restart" (the crashed one does nothing more): a fresh repository over the same outbox and
    // database replays at start-up.
    const restarted = new ResilientAlertRepository(w.db, w.outbox, w.timers, OPTIONS);
    expect(await restarted.start()).toBe(2);
    await settle(10);
    expect(ids(w.db.rows)).toEqual(['id-1', 'id-2']);
    expect(w.outbox.kept).toEqual([]);
    expect(restarted.status()).toMatchObject({ backlog: false, flushed: 2 });
  });

  it('replays nothing and stays direct when the outbox is empty at start-up', async () => {
    const w = world();
    expect(await w.repo.start()).toBe(0);
    await w.record(1);
    expect(w.db.addCalls).toBe(1);
  });

  it('passes validation and duplicate errors to the caller instead of keeping the alert', async () => {
    const w = world();
    await w.record(1);
    await expect(w.repo.add(w.db.rows[0])).rejects.toBeInstanceOf(ConflictError);
    const invalid = new FlakyAlerts();
    invalid.add = async () => {
      throw new ValidationError('bad alert');
    };
    const repo = new ResilientAlertRepository(invalid, w.outbox, w.timers, OPTIONS);
    await expect(repo.add(w.db.rows[0])).rejects.toBeInstanceOf(ValidationError);
    expect(w.outbox.kept).toEqual([]);
  });

  it('publishes nothing when neither the database nor the outbox can keep the alert', async () => {
    const w = world();
    w.db.mode = 'down';
    w.outbox.failAppends = true;
    await expect(w.record(1)).rejects.toThrow('disk full');
    expect(w.publisher.storedAlerts).toEqual([]);
  });

  it('drops a deleted camera’s alerts from the outbox too', async () => {
    const w = world();
    w.db.mode = 'down';
    await w.record(1);
    await w.repo.add({ ...w.outbox.kept[0], alertId: 'other-cam', cameraId: 'c2' });
    w.db.mode = 'up';
    expect(await w.repo.deleteByCamera('c1')).toBe(1);
    await w.advance(1000);
    expect(ids(w.db.rows)).toEqual(['other-cam']);
  });

  it('tries a last flush on close and schedules nothing afterwards', async () => {
    const w = world();
    w.db.mode = 'down';
    await w.record(1);
    w.db.mode = 'up';
    await w.repo.close();
    expect(ids(w.db.rows)).toEqual(['id-1']);
    expect(w.timers.pendingCount).toBe(0);
    w.db.mode = 'down';
    await w.record(2);
    expect(w.timers.pendingCount).toBe(0);
    expect(ids(w.outbox.kept)).toEqual(['id-2']);
  });

  it('reads from the database', async () => {
    const w = world();
    await w.record(1);
    expect(await w.repo.findById('id-1')).toEqual(w.db.rows[0]);
    expect((await w.repo.list({ offset: 0, limit: 10 })).total).toBe(1);
  });
});
