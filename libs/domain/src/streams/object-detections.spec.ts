import type { ObjectBox } from '../detection/object-detector';
import { settle } from '../testing/manual-timers';
import { testFrame } from '../testing/pipeline-fakes';
import { runtimeWorld } from '../testing/runtime-world';
import { ObjectDetections } from './object-detections';

const CAR: ObjectBox = { label: 'car', x: 30, y: 10, width: 20, height: 12, score: 0.8 };

async function world(fps = 2) {
  const w = runtimeWorld();
  const state = { camera: await w.addCamera({ objects: ['car'] }) };
  w.objectDetector.respondWith([CAR]);
  const objects = new ObjectDetections(() => state.camera, w.deps, { fps, policy: { matchIou: 0.3, confirmHits: 2, maxMisses: 3, cooldownMs: 0 } });
  /** Offers frames captured at these times; returns the capture times that became object frames. */
  const offer = async (times: number[]) => {
    const before = w.objectDetector.calls.length;
    for (const t of times) {
      objects.offer(testFrame({ capturedAt: t }));
      await settle();
    }
    return w.objectDetector.calls.slice(before).map((c) => (c.frame as { capturedAt: number }).capturedAt);
  };
  return { w, state, objects, offer };
}

describe('ObjectDetections', () => {
  it('takes at most fps frames a second by capture time; a late frame does not push the next one back', async () => {
    const { offer } = await world(2);
    // 10 fps with jitter, then a pause (motion gate) and frames again.
    expect(await offer([0, 98, 203, 299, 401, 502, 597, 705, 798, 903, 1001, 1099, 1204])).toEqual([0, 502, 1001]);
    expect(await offer([5000, 5100, 5200, 5300, 5400, 5500, 5600])).toEqual([5000, 5500]);
  });

  it('starts afresh when capture times go back (a new stream)', async () => {
    const { offer } = await world(1);
    expect(await offer([100_000, 100_500, 101_000])).toEqual([100_000, 101_000]);
    expect(await offer([0, 400, 1000])).toEqual([0, 1000]);
  });

  it('gives its own copy of the pixels to the object lane', async () => {
    const { w, objects } = await world();
    const frame = testFrame({ capturedAt: 0 });
    objects.offer(frame);
    await settle();
    expect(w.objectDetector.calls[0].frame.data).not.toBe(frame.data);
    expect(w.objectDetector.calls[0].frame.data).toEqual(frame.data);
  });

  it('sends the latest result with face results while it is fresh and of the same frame size', async () => {
    const { objects, offer } = await world(2);
    await offer([1000]);
    expect(objects.latest(testFrame({ capturedAt: 1100 }))).toEqual([CAR]);
    expect(objects.latest(testFrame({ capturedAt: 3500 }))).toEqual([CAR]);
    expect(objects.latest(testFrame({ capturedAt: 3600 }))).toEqual([]); // stale: no object frame for 2.5 s
    expect(objects.latest(testFrame({ capturedAt: 1100, width: 32, height: 18 }))).toEqual([]);
    objects.reset();
    expect(objects.latest(testFrame({ capturedAt: 1100 }))).toEqual([]);
  });

  it('shows nothing once the camera asks for no labels', async () => {
    const { state, objects, offer } = await world(2);
    await offer([1000]);
    state.camera = { ...state.camera, objects: [] };
    expect(objects.latest(testFrame({ capturedAt: 1100 }))).toEqual([]);
    expect(await offer([2000, 3000])).toEqual([]);
  });

  it('records the alert without its picture when the snapshot cannot be stored', async () => {
    const { w, offer } = await world(2);
    w.snapshots.save = async () => {
      throw new Error('disk full');
    };
    await offer([0, 500]);
    await settle();
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({ kind: 'object', label: 'car', snapshotKey: null });
    expect(w.log.warnings.join('\n')).toContain('snapshot not saved: Error: disk full');
  });

  it('logs an alert that could not be recorded, and carries on', async () => {
    const { w, objects, offer } = await world(2);
    w.deps.alerts.record = async () => {
      throw new Error('database away');
    };
    await offer([0, 500]);
    await settle();
    expect(w.log.warnings.join('\n')).toContain('object alert not recorded: Error: database away');
    expect([objects.processed, objects.alerts]).toEqual([2, 0]);
  });
});
