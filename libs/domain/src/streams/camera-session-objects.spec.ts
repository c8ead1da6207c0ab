import type { FaceBox } from '../detection/face-detector';
import type { ObjectBox } from '../detection/object-detector';
import { settle } from '../testing/manual-timers';
import { testFrame } from '../testing/pipeline-fakes';
import { runtimeWorld, type RuntimeWorld } from '../testing/runtime-world';
import type { CameraZone } from '../zones/zone';

// Objects through a running camera session: the fake decoder emits 64×36 frames at 10 fps (the
// feed says the camera's picture is 1280×720), the fake detectors answer every frame.
const CAR: ObjectBox = { label: 'car', x: 30.4, y: 10.2, width: 20, height: 12, score: 0.81234 };
const DOG: ObjectBox = { label: 'dog', x: 2, y: 2, width: 10, height: 10, score: 0.7 };
const FACE: FaceBox = { x: 4, y: 20, width: 8, height: 8, score: 0.9 };
/** The car's centre is at (0.63, 0.45) of the frame; the face's at (0.13, 0.67). */
const OVER_CAR: [number, number][] = [
  [0.5, 0.2],
  [0.8, 0.2],
  [0.8, 0.7],
  [0.5, 0.7],
];

async function start(w: RuntimeWorld, objects: string[], zones: CameraZone[] = []) {
  const camera = await w.addCamera({ objects: objects as never, zones });
  await w.runtime.start(camera);
  w.feeds.last.info();
  w.feeds.last.unit();
  await settle();
  return camera;
}

/** `n` frames 100 ms apart, each unlike the last (motion); every detection answered. */
async function frames(w: RuntimeWorld, n: number, found: { faces?: FaceBox[]; objects?: ObjectBox[] } = {}) {
  for (let i = 0; i < n; i++) {
    w.timers.advance(100);
    w.decoders.last.emit(testFrame({ grey: i % 2 ? 140 : 100, capturedAt: w.clock.now().getTime() }));
    for (;;) {
      await settle();
      if (w.objectDetector.pending.length > 0) w.objectDetector.resolveNext(found.objects ?? []);
      else if (w.detector.pending.length > 0) w.detector.resolveNext(found.faces ?? []);
      else break;
    }
  }
  await settle();
}

const objectAlerts = (w: RuntimeWorld) => w.alerts.rows.filter((a) => a.kind === 'object');

describe('CameraSession objects', () => {
  it('detects objects on at most 2 frames a second of a camera that asks for them, with its labels', async () => {
    const w = runtimeWorld();
    await start(w, ['car']);
    await frames(w, 50);
    expect(w.detector.frames).toHaveLength(50);
    expect(w.objectDetector.calls).toHaveLength(10);
    expect(w.objectDetector.calls[0].options).toEqual({ labels: ['car'] });
    const times = w.objectDetector.calls.map((c) => (c.frame as { capturedAt: number }).capturedAt);
    expect(times.slice(1).map((t, i) => t - times[i])).toEqual(Array(9).fill(500));
  });

  it('runs no object detection for a camera that asks for no objects, and sends empty objects', async () => {
    const w = runtimeWorld();
    await start(w, []);
    await frames(w, 20, { objects: [CAR] });
    expect(w.objectDetector.calls).toEqual([]);
    expect(w.publisher.detections.every((d) => d.objects.length === 0)).toBe(true);
  });

  it('raises one object alert per confirmed car: label, snapshot with its box, box and frame size in the camera pixels', async () => {
    const w = runtimeWorld();
    await start(w, ['car']);
    await frames(w, 20, { objects: [CAR, DOG] });
    expect(objectAlerts(w)).toHaveLength(1);
    const alert = objectAlerts(w)[0];
    expect(alert).toMatchObject({
      cameraId: 'c1',
      kind: 'object',
      label: 'car',
      zones: [],
      bbox: { x: 608, y: 204, width: 400, height: 240 },
      meta: { score: 0.812, frameWidth: 1280, frameHeight: 720, faces: 0, objects: 1 },
    });
    expect(alert.snapshotKey).toMatch(/^c1\//);
    expect(w.renderer.calls.at(-1)?.boxes).toEqual([CAR]);
    // The dog was not asked for: not detected, not shown.
    expect(w.publisher.detections.at(-1)?.objects).toEqual([{ label: 'car', x: 30, y: 10, width: 20, height: 12, score: 0.812 }]);
  });

  it('keeps face alerts as they were next to object alerts', async () => {
    const w = runtimeWorld();
    await start(w, ['car']);
    await frames(w, 20, { faces: [FACE], objects: [CAR] });
    expect(w.alerts.rows.map((a) => a.kind).sort()).toEqual(['face', 'object']);
  });

  it('applies a change of labels live: objects start and stop without a new decoder', async () => {
    const w = runtimeWorld();
    const camera = await start(w, []);
    await frames(w, 10, { objects: [CAR] });
    await w.runtime.reconfigure({ ...camera, objects: ['car'] });
    await frames(w, 20, { objects: [CAR] });
    expect(objectAlerts(w)).toHaveLength(1);
    const calls = w.objectDetector.calls.length;
    await w.runtime.reconfigure({ ...camera, objects: [] });
    await frames(w, 10, { objects: [CAR] });
    expect(w.objectDetector.calls).toHaveLength(calls);
    expect(w.publisher.detections.at(-1)?.objects).toEqual([]);
    expect(w.decoders.decoders).toHaveLength(1);
  });

  it('drops a car centred in a mask: no object in the events, no alert', async () => {
    const w = runtimeWorld();
    await start(w, ['car'], [{ name: 'Street', kind: 'mask', points: OVER_CAR }]);
    await frames(w, 30, { objects: [CAR] });
    expect(w.objectDetector.calls.length).toBeGreaterThan(4);
    expect(objectAlerts(w)).toEqual([]);
    expect(w.publisher.detections.flatMap((d) => d.objects)).toEqual([]);
  });

  it('lets zones gate objects as they gate faces, and names the zone on the alert', async () => {
    const w = runtimeWorld();
    const elsewhere: CameraZone = { name: 'Gate', kind: 'zone', points: [[0, 0], [0.2, 0], [0, 0.2]] };
    const camera = await start(w, ['car'], [elsewhere]);
    await frames(w, 20, { objects: [CAR] });
    expect(objectAlerts(w)).toEqual([]);
    expect(w.publisher.detections.at(-1)?.objects).toHaveLength(1); // shown, outside every zone
    await w.runtime.reconfigure({ ...camera, zones: [elsewhere, { name: 'Driveway', kind: 'zone', points: OVER_CAR }] });
    await frames(w, 20, { objects: [CAR] });
    expect(objectAlerts(w).map((a) => a.zones)).toEqual([['Driveway']]);
  });

  it('runs no object detection while detection is off', async () => {
    const w = runtimeWorld();
    const camera = await start(w, ['car']);
    await w.runtime.reconfigure({ ...camera, detectionEnabled: false });
    w.decoders.last.emit();
    await frames(w, 0);
    expect(w.objectDetector.calls).toEqual([]);
  });

  it('counts object frames and object alerts for metrics', async () => {
    const w = runtimeWorld();
    await start(w, ['car']);
    await frames(w, 20, { objects: [CAR] });
    expect(w.runtime.counters('c1')).toMatchObject({ objectsProcessed: 4, objectsSkipped: 0, objectAlerts: 1, processed: 20, alerts: 0 });
  });
});
