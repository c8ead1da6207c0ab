import type { ObjectBox } from '../detection/object-detector';
import { settle } from '../testing/manual-timers';
import { FakeObjectDetector } from '../testing/object-fakes';
import { FakeDetector, testFrame } from '../testing/pipeline-fakes';
import { DetectionScheduler } from './detection-scheduler';
import type { DecodedFrame } from './frame-decoder';
import type { ObjectOutcome } from './object-lane';

const frame = (n: number): DecodedFrame => testFrame({ capturedAt: n, width: 8, height: 8 });
const CAR: ObjectBox = { label: 'car', x: 1, y: 1, width: 4, height: 3, score: 0.7 };
const DOG: ObjectBox = { label: 'dog', x: 2, y: 2, width: 3, height: 3, score: 0.6 };

function setup(concurrency = 1, options: { share?: number; maxInFlight?: number } = {}) {
  const faces = new FakeDetector();
  const objects = new FakeObjectDetector();
  const failures: Array<[string, unknown]> = [];
  const scheduler = new DetectionScheduler(faces, concurrency, (id, error) => failures.push([id, error]), undefined, { detector: objects, ...options });
  const found: ObjectOutcome[] = [];
  const faceOutcomes: string[] = [];
  for (const id of ['a', 'b', 'c']) {
    scheduler.register(id, (o) => faceOutcomes.push(o.cameraId));
    scheduler.registerObjects(id, (o) => found.push(o));
  }
  return { faces, objects, scheduler, found, faceOutcomes, failures };
}

describe('DetectionScheduler with objects', () => {
  it('hands an object frame to the object detector with the labels asked for, and the result to its camera', async () => {
    const { objects, scheduler, found } = setup();
    scheduler.offerObjects('a', frame(1), ['car']);
    await settle();
    expect(objects.calls.map((c) => c.options)).toEqual([{ labels: ['car'] }]);
    objects.resolveNext([CAR, DOG]);
    await settle();
    expect(found).toEqual([{ cameraId: 'a', frame: frame(1), result: { objects: [CAR], ms: 40 } }]);
    expect(scheduler.objectStats('a')).toEqual({ dispatched: 1, skipped: 0, failed: 0 });
    expect(scheduler.stats('a')).toEqual({ dispatched: 0, skipped: 0, failed: 0 });
    expect(scheduler.busy).toBe(0);
  });

  it('keeps only the newest object frame of a camera while the detector is busy, apart from its face frame', async () => {
    const { faces, objects, scheduler } = setup();
    scheduler.offer('a', frame(0));
    await settle();
    scheduler.offerObjects('a', frame(1), ['car']);
    scheduler.offerObjects('a', frame(2), ['car']);
    scheduler.offer('a', frame(3));
    scheduler.offerObjects('a', frame(4), ['car']);
    faces.resolveNext();
    await settle();
    expect(objects.calls.map((c) => c.frame.capturedAt)).toEqual([4]); // objects are under their share: first
    objects.resolveNext();
    await settle();
    expect(faces.frames.map((f) => f.capturedAt)).toEqual([0, 3]);
    expect(scheduler.objectStats('a')).toEqual({ dispatched: 1, skipped: 2, failed: 0 });
    expect(scheduler.stats('a')).toEqual({ dispatched: 2, skipped: 0, failed: 0 });
  });

  it('gives objects their share of the detector, not more, while face frames keep waiting', async () => {
    const { faces, objects, scheduler } = setup(1, { share: 0.5 });
    const kinds: string[] = [];
    let t = 0;
    for (let round = 0; round < 400; round++) {
      // Every camera always has a face frame waiting, and camera a an object frame.
      for (const id of ['a', 'b', 'c']) scheduler.offer(id, frame(t++));
      scheduler.offerObjects('a', frame(t++), ['car']);
      await settle();
      if (objects.pending.length > 0) {
        kinds.push('object');
        objects.resolveNext([], 40); // an object frame takes 8 times a face frame's 5 ms
      } else {
        kinds.push('face');
        faces.resolveNext();
      }
      await settle();
    }
    const objectFrames = kinds.filter((k) => k === 'object').length;
    const objectTime = objectFrames * 40;
    const faceTime = (kinds.length - objectFrames) * 5;
    const share = objectTime / (objectTime + faceTime);
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    // Never two object frames in a row while faces wait.
    expect(kinds.join(',')).not.toContain('object,object');
  });

  it('runs object frames as often as offered while no face frame waits', async () => {
    const { objects, scheduler, found } = setup(1, { share: 0.1 });
    for (let i = 0; i < 10; i++) {
      scheduler.offerObjects('a', frame(i), ['car']);
      await settle();
      objects.resolveNext([CAR], 100);
      await settle();
    }
    expect(found).toHaveLength(10);
    expect(scheduler.objectStats('a').skipped).toBe(0);
  });

  it('leaves face detection a slot: at most maxInFlight object frames at once (half the slots by default)', async () => {
    const { faces, objects, scheduler } = setup(2);
    for (const id of ['a', 'b', 'c']) scheduler.offerObjects(id, frame(1), ['car']);
    await settle();
    expect(objects.pending).toHaveLength(1);
    scheduler.offer('a', frame(2));
    await settle();
    expect(faces.pending).toHaveLength(1);
    objects.resolveNext();
    await settle();
    expect(objects.pending).toHaveLength(1); // camera b's, in turn
    expect(objects.calls.map((c) => c.frame.capturedAt)).toEqual([1, 1]);
    expect(scheduler.busy).toBe(2);
  });

  it('counts a failed object detection, reports it and frees the slot for the next frame', async () => {
    const { faces, objects, scheduler, found, failures } = setup();
    const crash = new Error('object worker crashed');
    scheduler.offerObjects('a', frame(1), ['car']);
    await settle();
    scheduler.offer('b', frame(2));
    objects.rejectNext(crash);
    await settle();
    expect(failures).toEqual([['a', crash]]);
    expect(found).toEqual([]);
    expect(faces.pending).toHaveLength(1);
    expect(scheduler.objectStats('a')).toEqual({ dispatched: 1, skipped: 0, failed: 1 });
    expect(scheduler.stats('a').failed).toBe(0);
  });

  it('forgets an unregistered camera: its waiting object frame is dropped, its late result not delivered', async () => {
    const { objects, scheduler, found } = setup();
    scheduler.offerObjects('a', frame(1), ['car']);
    await settle();
    scheduler.offerObjects('a', frame(2), ['car']);
    scheduler.unregister('a');
    scheduler.offerObjects('a', frame(3), ['car']);
    objects.resolveNext([CAR]);
    await settle();
    expect(found).toEqual([]);
    expect(objects.calls).toHaveLength(1);
    expect(scheduler.busy).toBe(0);
  });

  it('gives the object listener the copy made before dispatch', async () => {
    const faces = new FakeDetector();
    const objects = new FakeObjectDetector();
    objects.respondWith([CAR]);
    const copies: DecodedFrame[] = [];
    const keep = (f: DecodedFrame) => {
      const copy = { ...f, data: f.data.slice() };
      copies.push(copy);
      return copy;
    };
    const scheduler = new DetectionScheduler(faces, 1, undefined, keep, { detector: objects });
    const seen: DecodedFrame[] = [];
    scheduler.registerObjects('a', (o) => seen.push(o.frame));
    const original = frame(7);
    scheduler.offerObjects('a', original, ['car']);
    await settle();
    expect(objects.calls[0].frame).toBe(original);
    expect(seen).toEqual([copies[0]]);
    expect(seen[0]).not.toBe(original);
  });

  it('ignores object frames without an object detector', async () => {
    const faces = new FakeDetector();
    const scheduler = new DetectionScheduler(faces, 1);
    scheduler.registerObjects('a', () => undefined);
    scheduler.offerObjects('a', frame(1), ['car']);
    await settle();
    expect(scheduler.detectsObjects).toBe(false);
    expect(scheduler.busy).toBe(0);
    expect(scheduler.objectStats('a')).toEqual({ dispatched: 0, skipped: 0, failed: 0 });
  });
});
