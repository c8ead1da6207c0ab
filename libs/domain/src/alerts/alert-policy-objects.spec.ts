import type { ObjectBox, ObjectLabel } from '../detection/object-detector';
import { DEFAULT_OBJECT_ALERT_POLICY, ObjectAlertPolicy, type ObjectAlertDecision } from './alert-policy-objects';

const object = (label: ObjectLabel, x: number, y = 100, score = 0.8, size = 80): ObjectBox => ({ label, x, y, width: size, height: size, score });
const CAR = object('car', 100);
const OTHER_CAR = object('car', 400, 200, 0.7);
const DOG = object('dog', 120, 110, 0.6);

/** Feeds object frames 500 ms apart from `start`; returns the alerts raised with their time. */
function feed(policy: ObjectAlertPolicy, frames: ObjectBox[][], start = 0): Array<ObjectAlertDecision & { at: number }> {
  return frames.flatMap((objects, i) => policy.update(objects, start + i * 500).map((d) => ({ ...d, at: start + i * 500 })));
}
const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe('ObjectAlertPolicy', () => {
  it('confirms an object seen in two object frames in a row and describes it', () => {
    const policy = new ObjectAlertPolicy();
    expect(policy.update([CAR], 0)).toEqual([]);
    expect(policy.update([CAR, OTHER_CAR], 500)).toEqual([{ trackId: 1, label: 'car', box: { x: 100, y: 100, width: 80, height: 80 }, score: 0.8, objects: 2 }]);
  });

  it('never alerts on an object seen once, nor on one that keeps flickering before it is counted', () => {
    const policy = new ObjectAlertPolicy();
    expect(feed(policy, [[CAR], [], [], [CAR], [], [CAR], [], [CAR], []])).toEqual([]);
    expect(policy.activeTracks).toBe(0);
  });

  it('raises one alert for a parked car the detector misses now and then (misses below the hysteresis)', () => {
    const policy = new ObjectAlertPolicy({ ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs: 1000 });
    const flicker = Array.from({ length: 200 }, (_, i) => (i % 4 === 2 || i % 7 === 3 ? [] : [CAR]));
    expect(feed(policy, flicker).map((a) => a.at)).toEqual([500]);
  });

  it('counts an object as gone after maxMisses object frames without it: its return alerts again', () => {
    const policy = new ObjectAlertPolicy({ ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs: 0 });
    const { maxMisses } = DEFAULT_OBJECT_ALERT_POLICY;
    const alerts = feed(policy, [[CAR], [CAR], ...repeat(maxMisses - 1, []), [CAR], ...repeat(maxMisses, []), [CAR], [CAR]]);
    expect(alerts.map((a) => a.trackId)).toEqual([1, 2]);
  });

  it('tracks labels apart: a dog over a car is not the car, and each label alerts on its own', () => {
    const policy = new ObjectAlertPolicy();
    const alerts = feed(policy, [[CAR, DOG], [CAR, DOG]]);
    expect(alerts.map((a) => [a.label, a.trackId])).toEqual([
      ['car', 1],
      ['dog', 2],
    ]);
  });

  it('follows a moving car as one track', () => {
    const policy = new ObjectAlertPolicy();
    expect(feed(policy, Array.from({ length: 40 }, (_, i) => [object('car', 100 + i * 10)])).map((a) => a.trackId)).toEqual([1]);
  });

  it('keeps a label quiet during its cooldown; a car that came meanwhile alerts when it ends, if still there', () => {
    const cooldownMs = 5000;
    const policy = new ObjectAlertPolicy({ ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs });
    const frames = [[CAR], [CAR], [CAR, OTHER_CAR], ...repeat(20, [CAR, OTHER_CAR])];
    const alerts = feed(policy, frames);
    expect(alerts.map((a) => [a.at, a.box.x])).toEqual([
      [500, 100],
      [500 + cooldownMs, 400],
    ]);
    // Another label is not held back by the car's cooldown.
    expect(policy.update([CAR, OTHER_CAR, DOG], 600 + cooldownMs)).toEqual([]);
    expect(policy.update([CAR, OTHER_CAR, DOG], 700 + cooldownMs).map((d) => d.label)).toEqual(['dog']);
  });

  it('one alert covers the scene: two cars confirmed together alert once, for the likelier one', () => {
    const policy = new ObjectAlertPolicy({ ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs: 0 });
    const alerts = feed(policy, repeat(10, [OTHER_CAR, CAR]));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ score: 0.8, objects: 2 });
  });

  it('forgets the tracks of labels no longer asked for', () => {
    const policy = new ObjectAlertPolicy({ ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs: 0 });
    feed(policy, [[CAR, DOG], [CAR, DOG]]);
    policy.retain(['dog']);
    expect(policy.activeTracks).toBe(1);
    // Asked for again, the parked car is a new object and alerts again.
    expect(feed(policy, [[CAR, DOG], [CAR, DOG]], 1000).map((a) => [a.label, a.trackId])).toEqual([['car', 3]]);
  });

  it('reset forgets the tracks but keeps the cooldowns', () => {
    const policy = new ObjectAlertPolicy({ ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs: 5000 });
    feed(policy, [[CAR], [CAR]]);
    policy.reset();
    expect(policy.activeTracks).toBe(0);
    expect(feed(policy, [[CAR], [CAR]], 1000)).toEqual([]);
    expect(feed(policy, [[CAR]], 5500).map((a) => a.at)).toEqual([5500]);
  });
});
