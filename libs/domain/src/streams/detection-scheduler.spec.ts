import { settle } from '../testing/manual-timers';
import { FakeDetector, testFrame } from '../testing/pipeline-fakes';
import { DetectionScheduler, type DetectionOutcome } from './detection-scheduler';
import type { DecodedFrame } from './frame-decoder';

const frame = (n: number): DecodedFrame => testFrame({ capturedAt: n, width: 8, height: 8 });

function setup(concurrency = 1, cameras = ['a', 'b']) {
  const detector = new FakeDetector();
  const failures: Array<[string, unknown]> = [];
  const scheduler = new DetectionScheduler(detector, concurrency, (id, error) => failures.push([id, error]));
  const outcomes: DetectionOutcome[] = [];
  for (const id of cameras) scheduler.register(id, (o) => outcomes.push(o));
  /** Camera and capture time of every frame handed to the detector so far. */
  const dispatched = () => detector.frames.map((f) => f.capturedAt);
  return { detector, scheduler, outcomes, failures, dispatched };
}

describe('DetectionScheduler', () => {
  it('hands a frame to a free detector and the result to its camera', async () => {
    const { detector, scheduler, outcomes } = setup();
    scheduler.offer('a', frame(1));
    await settle();
    expect(scheduler.busy).toBe(1);
    detector.resolveNext([{ x: 1, y: 1, width: 5, height: 5, score: 0.9 }]);
    await settle();
    expect(outcomes).toEqual([{ cameraId: 'a', frame: frame(1), result: { faces: [{ x: 1, y: 1, width: 5, height: 5, score: 0.9 }], ms: 5 } }]);
    expect(scheduler.busy).toBe(0);
    expect(scheduler.stats('a')).toEqual({ dispatched: 1, skipped: 0, failed: 0 });
  });

  it('keeps only the newest frame while busy: 3 offered → 1 dispatched later, 2 skipped', async () => {
    const { detector, scheduler, dispatched } = setup();
    scheduler.offer('a', frame(0));
    await settle();
    scheduler.offer('a', frame(1));
    scheduler.offer('a', frame(2));
    scheduler.offer('a', frame(3));
    await settle();
    expect(dispatched()).toEqual([0]);
    detector.resolveNext();
    await settle();
    expect(dispatched()).toEqual([0, 3]);
    detector.resolveNext();
    await settle();
    expect(dispatched()).toEqual([0, 3]);
    expect(scheduler.stats('a')).toEqual({ dispatched: 2, skipped: 2, failed: 0 });
  });

  it('serves cameras in turn: a flooding camera does not starve another', async () => {
    const { detector, scheduler, outcomes } = setup(1, ['a', 'b', 'c']);
    let t = 0;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 10; i++) scheduler.offer('a', frame(t++));
      if (round === 1) scheduler.offer('b', frame(1000));
      if (round === 2) scheduler.offer('c', frame(2000));
      await settle();
      detector.resolveNext();
      await settle();
    }
    // b arrives behind a's waiting frame and is served right after it; c likewise, ahead of a's next one.
    expect(outcomes.map((o) => o.cameraId)).toEqual(['a', 'a', 'a', 'b', 'a', 'c']);
    expect(scheduler.stats('b')).toEqual({ dispatched: 1, skipped: 0, failed: 0 });
    expect(scheduler.stats('a').skipped).toBeGreaterThan(40);
  });

  it('serves an urgent frame (one that may confirm a face) before the cameras already waiting', async () => {
    const { detector, scheduler, outcomes } = setup(1, ['a', 'b', 'c']);
    scheduler.offer('a', frame(1));
    await settle();
    scheduler.offer('b', frame(2));
    scheduler.offer('c', frame(3), true);
    await settle();
    detector.resolveNext();
    await settle();
    detector.resolveNext();
    await settle();
    detector.resolveNext();
    await settle();
    expect(outcomes.map((o) => o.cameraId)).toEqual(['a', 'c', 'b']);
  });

  it('moves a camera already waiting to the front when its newer frame is urgent, counting the replaced one', async () => {
    const { detector, scheduler, outcomes } = setup(1, ['a', 'b', 'c']);
    scheduler.offer('a', frame(1));
    await settle();
    scheduler.offer('c', frame(2));
    scheduler.offer('b', frame(3));
    scheduler.offer('b', frame(4), true);
    for (let i = 0; i < 3; i++) {
      detector.resolveNext();
      await settle();
    }
    expect(outcomes.map((o) => [o.cameraId, o.frame.capturedAt])).toEqual([['a', 1], ['b', 4], ['c', 2]]);
    expect(scheduler.stats('b')).toEqual({ dispatched: 1, skipped: 1, failed: 0 });
  });

  it('does not let cameras that are always urgent starve one waiting in turn', async () => {
    const { detector, scheduler, outcomes } = setup(1, ['a', 'b', 'c', 'd']);
    scheduler.offer('d', frame(0));
    await settle();
    scheduler.offer('c', frame(1)); // waits in turn
    for (let round = 0; round < 4; round++) {
      scheduler.offer('a', frame(10 + round), true);
      scheduler.offer('b', frame(20 + round), true);
      detector.resolveNext();
      await settle();
    }
    expect(outcomes.map((o) => o.cameraId)).toEqual(['d', 'b', 'b', 'c']); // two urgent in a row, then c's turn
  });

  it('never runs more detections at once than its concurrency', async () => {
    const cameras = ['a', 'b', 'c', 'd', 'e'];
    const { detector, scheduler, outcomes } = setup(2, cameras);
    let maxBusy = 0;
    for (let round = 0; round < 4; round++) {
      cameras.forEach((id, i) => scheduler.offer(id, frame(round * 10 + i)));
      await settle();
      maxBusy = Math.max(maxBusy, scheduler.busy, detector.pending.length);
      detector.resolveNext();
      await settle();
      maxBusy = Math.max(maxBusy, scheduler.busy, detector.pending.length);
    }
    expect(maxBusy).toBe(2);
    expect(detector.pending).toHaveLength(2);
    expect(new Set(outcomes.map((o) => o.cameraId)).size).toBe(4);
  });

  it('counts a failed detection, reports it and frees the slot', async () => {
    const { detector, scheduler, outcomes, failures, dispatched } = setup();
    const crash = new Error('worker crashed');
    scheduler.offer('a', frame(1));
    await settle();
    scheduler.offer('b', frame(2));
    detector.rejectNext(crash);
    await settle();
    expect(failures).toEqual([['a', crash]]);
    expect(outcomes).toEqual([]);
    expect(dispatched()).toEqual([1, 2]);
    expect(scheduler.stats('a')).toEqual({ dispatched: 1, skipped: 0, failed: 1 });
    expect(scheduler.busy).toBe(1);
  });

  it('treats a detector throwing synchronously as one failed frame', async () => {
    const { detector, scheduler, failures } = setup();
    detector.throwSync = new Error('bad frame');
    expect(() => scheduler.offer('a', frame(1))).not.toThrow();
    await settle();
    expect(failures.map(([id, e]) => [id, (e as Error).message])).toEqual([['a', 'bad frame']]);
    expect(scheduler.busy).toBe(0);
    detector.throwSync = null;
    scheduler.offer('a', frame(2));
    await settle();
    expect(detector.pending).toHaveLength(1);
    expect(scheduler.stats('a')).toEqual({ dispatched: 2, skipped: 0, failed: 1 });
  });

  it('forgets an unregistered camera: waiting frame dropped, late result not delivered, offers ignored', async () => {
    const { detector, scheduler, outcomes, dispatched } = setup();
    scheduler.offer('a', frame(1));
    await settle();
    scheduler.offer('a', frame(2));
    scheduler.offer('b', frame(3));
    scheduler.unregister('a');
    scheduler.offer('a', frame(4));
    detector.resolveNext();
    await settle();
    expect(outcomes).toEqual([]);
    expect(dispatched()).toEqual([1, 3]);
    detector.resolveNext();
    await settle();
    expect(outcomes.map((o) => o.cameraId)).toEqual(['b']);
  });

  it('gives the listener the copy made before dispatch and the detector the original', async () => {
    const detector = new FakeDetector();
    detector.respondWith([]);
    const copies: DecodedFrame[] = [];
    const scheduler = new DetectionScheduler(detector, 1, undefined, (f) => {
      const copy = { ...f, data: f.data.slice() };
      copies.push(copy);
      return copy;
    });
    const seen: DecodedFrame[] = [];
    scheduler.register('a', (o) => seen.push(o.frame));
    const original = frame(7);
    scheduler.offer('a', original);
    await settle();
    expect(detector.frames[0]).toBe(original);
    expect(seen[0]).toBe(copies[0]);
    expect(seen[0]).not.toBe(original);
  });

  it('reports zero counters for a camera it never saw', () => {
    expect(setup().scheduler.stats('zzz')).toEqual({ dispatched: 0, skipped: 0, failed: 0 });
  });
});

describe('DetectionScheduler ordering per camera', () => {
  it('never has two frames of one camera in the detector at once', async () => {
    const { FakeDetector, testFrame, settle } = await import('../testing');
    const detector = new FakeDetector();
    const scheduler = new DetectionScheduler(detector, 4);
    const seen: number[] = [];
    scheduler.register('a', (o) => seen.push(o.frame.capturedAt));
    scheduler.offer('a', testFrame({ capturedAt: 1 }));
    scheduler.offer('a', testFrame({ capturedAt: 2 }));
    scheduler.offer('a', testFrame({ capturedAt: 3 }));
    await settle();
    expect(detector.frames).toHaveLength(1);
    detector.resolveNext();
    await settle();
    expect(detector.frames).toHaveLength(2);
    detector.resolveNext();
    await settle();
    expect(seen).toEqual([1, 3]);
    expect(scheduler.stats('a')).toMatchObject({ dispatched: 2, skipped: 1 });
  });

  it('does not count a listener error as a detection failure', async () => {
    const { FakeDetector, testFrame, settle } = await import('../testing');
    const detector = new FakeDetector();
    const failures: unknown[] = [];
    const scheduler = new DetectionScheduler(detector, 1, (_id, e) => failures.push(e));
    scheduler.register('a', () => {
      throw new Error('listener broke');
    });
    scheduler.offer('a', testFrame({ capturedAt: 1 }));
    await settle();
    detector.resolveNext();
    await settle();
    expect(scheduler.stats('a').failed).toBe(0);
    expect(failures).toHaveLength(1);
    expect(scheduler.busy).toBe(0);
  });
});
