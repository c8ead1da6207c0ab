import type { FaceBox } from '../detection/face-detector';
import { AlertPolicy, DEFAULT_ALERT_POLICY, type FaceAlertDecision } from './alert-policy';

const face = (x: number, y = 100, score = 0.9, size = 50): FaceBox => ({ x, y, width: size, height: size, score });
const A = face(100);
const B = face(400, 200, 0.8);

/** Feeds `frames` 100 ms apart from `start`; returns the alerts raised with their time. */
function feed(policy: AlertPolicy, frames: FaceBox[][], start = 0): Array<FaceAlertDecision & { at: number }> {
  const out: Array<FaceAlertDecision & { at: number }> = [];
  frames.forEach((faces, i) => {
    const decision = policy.update(faces, start + i * 100);
    if (decision) out.push({ ...decision, at: start + i * 100 });
  });
  return out;
}
const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe('AlertPolicy', () => {
  it('never alerts on a single-frame false positive', () => {
    const policy = new AlertPolicy();
    expect(feed(policy, [[A], ...repeat(300, [])])).toEqual([]);
  });

  it('never alerts on blips that land somewhere else every frame', () => {
    const policy = new AlertPolicy();
    expect(feed(policy, Array.from({ length: 50 }, (_, i) => [face(i * 60, (i % 5) * 70)]))).toEqual([]);
  });

  it('confirms a face on its second hit and describes it', () => {
    const policy = new AlertPolicy();
    expect(policy.update([A], 0)).toBeNull();
    expect(policy.update([A], 100)).toEqual({ trackId: 1, box: { x: 100, y: 100, width: 50, height: 50 }, score: 0.9, faces: 1 });
  });

  it('says when the next frame may raise an alert: a face seen, not alerted, outside the cooldown', () => {
    const { cooldownMs } = DEFAULT_ALERT_POLICY;
    const policy = new AlertPolicy();
    expect(policy.awaitingConfirmation(0)).toBe(false);
    policy.update([A], 0);
    expect(policy.awaitingConfirmation(100)).toBe(true);
    expect(policy.update([A], 100)).not.toBeNull(); // confirmed: alert, cooldown until 100 + cooldownMs
    expect(policy.awaitingConfirmation(200)).toBe(false); // A has alerted
    policy.update([A, B], 200);
    expect(policy.awaitingConfirmation(300)).toBe(false); // B is held back by the cooldown
    feed(policy, repeat(cooldownMs / 100 - 2, [A, B]), 300); // both stay in view until just before it ends
    expect(policy.awaitingConfirmation(100 + cooldownMs)).toBe(true); // B alerts on the next frame after it
    expect(policy.update([A, B], 100 + cooldownMs)).toMatchObject({ box: { x: B.x } });
  });

  it('raises one alert for a face that lingers, even past the cooldown', () => {
    const policy = new AlertPolicy();
    expect(feed(policy, repeat(600, [A])).map((a) => a.at)).toEqual([100]);
  });

  it('follows a moving face as one track', () => {
    const policy = new AlertPolicy();
    const alerts = feed(policy, Array.from({ length: 200 }, (_, i) => [face(100 + i * 5)]));
    expect(alerts.map((a) => [a.at, a.trackId])).toEqual([[100, 1]]);
    expect(policy.activeTracks).toBe(1);
  });

  it('stays quiet during the cooldown, then alerts for a new face still present', () => {
    const policy = new AlertPolicy();
    const alerts = feed(policy, [...repeat(10, [A]), ...repeat(200, [B])]);
    expect(alerts.map((a) => [a.at, a.trackId, a.box.x])).toEqual([
      [100, 1, 100],
      [10_100, 2, 400],
    ]);
  });

  it('forgets a face that arrived during the cooldown and left before it ended', () => {
    const policy = new AlertPolicy();
    expect(feed(policy, [...repeat(10, [A]), ...repeat(20, [B]), ...repeat(200, [])]).map((a) => a.trackId)).toEqual([1]);
  });

  it('alerts for a new face after the cooldown', () => {
    const policy = new AlertPolicy();
    const alerts = feed(policy, [...repeat(5, [A]), ...repeat(120, []), [B], [B]]);
    expect(alerts.map((a) => [a.at, a.trackId])).toEqual([
      [100, 1],
      [12_600, 2],
    ]);
  });

  it('respects a configured cooldown', () => {
    const policy = new AlertPolicy({ ...DEFAULT_ALERT_POLICY, cooldownMs: 1000 });
    expect(feed(policy, [...repeat(5, [A]), ...repeat(20, [B])]).map((a) => a.at)).toEqual([100, 1100]);
  });

  it('raises one alert for two faces, with the best one and faces = 2', () => {
    const policy = new AlertPolicy();
    const alerts = feed(policy, repeat(100, [B, A]));
    expect(alerts).toEqual([{ trackId: 2, box: { x: 100, y: 100, width: 50, height: 50 }, score: 0.9, faces: 2, at: 100 }]);
    expect(policy.activeTracks).toBe(2);
  });

  it('keeps a track through a short miss, so the same face does not alert twice', () => {
    const policy = new AlertPolicy();
    const frames = [...repeat(5, [A]), ...repeat(15, []), ...repeat(150, [A])];
    expect(feed(policy, frames).map((a) => a.trackId)).toEqual([1]);
  });

  it('expires a track unseen for longer than its ttl: the face returning later is new', () => {
    const policy = new AlertPolicy();
    const frames = [...repeat(5, [A]), ...repeat(25, []), ...repeat(150, [A])];
    const alerts = feed(policy, frames);
    expect(alerts.map((a) => [a.at, a.trackId])).toEqual([
      [100, 1],
      [10_100, 2], // back at 3000, confirmed at 3100, held until the cooldown ends
    ]);
  });

  it('confirms a face in two consecutive detected frames however far apart a busy detector served them', () => {
    const { trackTtlMs } = DEFAULT_ALERT_POLICY;
    const policy = new AlertPolicy();
    expect(policy.update([A], 0)).toBeNull();
    expect(policy.awaitingConfirmation(3 * trackTtlMs)).toBe(true); // no frame since has shown it gone
    expect(policy.update([A], 3 * trackTtlMs)).toMatchObject({ trackId: 1 });
  });

  it('waits for a detected frame that misses a face past its ttl before saying it left', () => {
    const { trackTtlMs } = DEFAULT_ALERT_POLICY;
    const policy = new AlertPolicy();
    policy.update([A], 0);
    policy.update([B], 3 * trackTtlMs); // A missed, long after its ttl: gone from the next frame on
    expect(policy.awaitingConfirmation(3 * trackTtlMs + 100)).toBe(true); // B, seen in the last frame
    expect(policy.update([A], 6 * trackTtlMs)).toBeNull(); // A again: a new track, not a second hit
    expect(policy.activeTracks).toBe(2); // B (seen in the frame before) and the new A
    expect(policy.update([], 6 * trackTtlMs + 100)).toBeNull();
    expect(policy.activeTracks).toBe(1); // B missed past its ttl is gone; A stays within its ttl
    expect(policy.awaitingConfirmation(9 * trackTtlMs)).toBe(false); // A missed by the last frame, past its ttl
  });

  it('drops expired tracks from the active count', () => {
    const policy = new AlertPolicy();
    feed(policy, [[A], [A]]);
    expect(policy.activeTracks).toBe(1);
    policy.update([], 100 + DEFAULT_ALERT_POLICY.trackTtlMs);
    expect(policy.activeTracks).toBe(1);
    policy.update([], 101 + DEFAULT_ALERT_POLICY.trackTtlMs);
    expect(policy.activeTracks).toBe(0);
  });

  it('needs the configured number of hits', () => {
    const policy = new AlertPolicy({ ...DEFAULT_ALERT_POLICY, confirmHits: 3 });
    expect(feed(policy, repeat(5, [A])).map((a) => a.at)).toEqual([200]);
  });

  it('forgets its tracks after reset but keeps the cooldown', () => {
    const policy = new AlertPolicy();
    feed(policy, repeat(3, [A]));
    policy.reset();
    expect(policy.activeTracks).toBe(0);
    expect(feed(policy, repeat(3, [A]), 1000)).toEqual([]);
    // The new track, held by the cooldown and still there in the next detected frame, alerts then.
    expect(feed(policy, repeat(3, [A]), 20_000).map((a) => a.at)).toEqual([20_000]);
  });

  describe('observe (recognition decides)', () => {
    it('reports confirmed tracks of the frame without deciding, inside the cooldown too', () => {
      const policy = new AlertPolicy();
      expect(policy.observe([A], 0)).toEqual([]);
      expect(policy.observe([A, B], 100)).toEqual([{ trackId: 1, box: { x: 100, y: 100, width: 50, height: 50 }, score: 0.9, settled: false }]);
      policy.settle(1, true, 100);
      expect(policy.quiet(200)).toBe(true);
      expect(policy.observe([A, B], 200).map((t) => [t.trackId, t.settled])).toEqual([
        [1, true],
        [2, false],
      ]);
      expect(policy.quiet(100 + DEFAULT_ALERT_POLICY.cooldownMs)).toBe(false);
    });

    it('settling without an alert leaves the cooldown alone', () => {
      const policy = new AlertPolicy();
      policy.observe([A], 0);
      policy.observe([A], 100);
      policy.settle(1, false, 100);
      expect(policy.quiet(200)).toBe(false);
      expect(policy.awaitingConfirmation(200)).toBe(false);
      expect(policy.hasTrack(1)).toBe(true);
      policy.reset();
      expect(policy.hasTrack(1)).toBe(false);
    });
  });
});
