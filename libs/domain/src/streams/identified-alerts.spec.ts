import { AlertPolicy, DEFAULT_ALERT_POLICY } from '../alerts/alert-policy';
import type { BoundingBox } from '../alerts/bounding-box';
import type { FaceBox } from '../detection/face-detector';
import { settle } from '../testing/manual-timers';
import { testFrame, unit, type RegionAnswer } from '../testing/pipeline-fakes';
import { runtimeWorld } from '../testing/runtime-world';
import { DetectionOutcomeHandler } from './detection-outcome-handler';
import { TRACK_ANALYSES } from './pipeline-recognition';

const ALICE = [1, 0, 0, 0];
const BOB = [0, 1, 0, 0];
const STRANGER = [0, 0, 1, 0];
const OTHER_STRANGER = [0, 0, 0, 1];

/** Two faces apart in the frame; LEFT_BIG is LEFT seen larger (the same track, a better crop). */
const LEFT: FaceBox = { x: 2, y: 4, width: 20, height: 20, score: 0.9 };
const LEFT_BIG: FaceBox = { x: 2, y: 4, width: 24, height: 24, score: 0.9 };
const RIGHT: FaceBox = { x: 40, y: 4, width: 20, height: 20, score: 0.9 };

const isLeft = (region: BoundingBox) => region.x < 30;

async function identityWorld(identityCooldownMs = 300_000) {
  const w = runtimeWorld({ recognition: { identityCooldownMs } });
  const rec = w.recognition;
  if (!rec) throw new Error('the world has no recognition');
  const cameras = {
    c1: await w.addCamera({ id: 'c1' }),
    c2: await w.addCamera({ id: 'c2', ownerId: 'u-two', viewerIds: [] }),
  };
  const handlers = {
    c1: new DetectionOutcomeHandler(() => cameras.c1, new AlertPolicy(DEFAULT_ALERT_POLICY), w.deps),
    c2: new DetectionOutcomeHandler(() => cameras.c2, new AlertPolicy(DEFAULT_ALERT_POLICY), w.deps),
  };
  /** Handles a frame on a camera, 100 ms after the previous one, and waits for its identity work. */
  const handle = async (cameraId: 'c1' | 'c2', faces: FaceBox[]) => {
    w.clock.advance(100);
    const frame = testFrame({ capturedAt: w.clock.now().getTime() });
    handlers[cameraId].handle({ cameraId, frame, result: { faces, ms: 5 } });
    await handlers[cameraId].idle();
    await settle();
  };
  const frames = async (cameraId: 'c1' | 'c2', n: number, faces: FaceBox[]) => {
    for (let i = 0; i < n; i++) await handle(cameraId, faces);
  };
  /** A person with one enrolled face. */
  const enrol = async (id: string, name: string, alert: boolean, vector: number[]) => {
    const at = w.clock.now();
    await rec.people.create({ id, name, alert, createdAt: at, updatedAt: at });
    rec.matcher.add(rec.analyser.model, { faceId: `f-${id}`, personId: id, vector: unit(vector) });
  };
  const faceIs = (answer: (region: BoundingBox, call: number) => RegionAnswer) => {
    rec.analyser.answer = answer;
  };
  return { w, rec, cameras, handlers, handle, frames, enrol, faceIs };
}

describe('IdentifiedAlerts (recognition in the pipeline)', () => {
  it('never analyses a masked face, and names the zone of the face that alerts', async () => {
    const { w, rec, cameras, frames, enrol, faceIs } = await identityWorld();
    cameras.c1 = {
      ...cameras.c1,
      zones: [
        { name: 'Left', kind: 'zone', points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] },
        { name: 'Window', kind: 'mask', points: [[0.5, 0], [1, 0], [1, 1], [0.5, 1]] },
      ],
    };
    await enrol('p-alice', 'Alice', true, ALICE);
    faceIs(() => ({ vector: ALICE }));
    await frames('c1', 3, [LEFT, RIGHT]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({ kind: 'face', zones: ['Left'], person: { id: 'p-alice' }, bbox: { x: 2, y: 4 } });
    expect(rec.analyser.calls.flatMap((c) => c.regions).every(isLeft)).toBe(true);
    expect(w.publisher.detections.every((d) => d.boxes.length === 1)).toBe(true);
  });

  it('names a watched person in the alert once the first crop is analysed', async () => {
    const { w, rec, frames, enrol, faceIs } = await identityWorld();
    await enrol('p-alice', 'Alice', true, ALICE);
    faceIs(() => ({ vector: ALICE }));
    await frames('c1', 2, [LEFT]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({ cameraId: 'c1', person: { id: 'p-alice', name: 'Alice', similarity: 1 }, unknownId: null, meta: { trackId: 1 } });
    expect(w.publisher.alerts.map((a) => a.alert.person)).toEqual([{ id: 'p-alice', name: 'Alice', similarity: 1 }]);
    // Only the track's box is analysed, on the frame that confirmed it.
    expect(rec.analyser.calls.map((c) => c.regions)).toEqual([[{ x: 2, y: 4, width: 20, height: 20 }]]);
    // The alert's clean face is kept beside it, for enrolling or correcting from the alert.
    expect(rec.crops.crops.get(`alerts/c1/${w.alerts.rows[0].alertId}.jpg`)).toEqual(expect.objectContaining({ width: 20, height: 20 }));
  });

  it('raises nothing for a trusted person and analyses a track a few times only, never every frame', async () => {
    const { w, rec, frames, enrol, faceIs, handlers } = await identityWorld();
    await enrol('p-bob', 'Bob', false, BOB);
    faceIs(() => ({ vector: BOB }));
    await frames('c1', 30, [LEFT]);
    await frames('c1', 30, [LEFT_BIG]);
    expect(w.alerts.rows).toEqual([]);
    expect(handlers.c1.alerts).toBe(0);
    expect(rec.analyser.calls).toHaveLength(2); // the track's start, then one clearly better crop
    expect(rec.unknowns.groups.size).toBe(0);
  });

  it('alerts for a watched person inside the camera cooldown, and for a new stranger too', async () => {
    const { w, frames, enrol, faceIs } = await identityWorld();
    await enrol('p-alice', 'Alice', true, ALICE);
    faceIs((region) => ({ vector: isLeft(region) ? STRANGER : ALICE }));
    await frames('c1', 3, [LEFT]);
    await frames('c1', 3, [LEFT, RIGHT]); // 300 ms later: the camera is quiet for 10 s
    faceIs((region) => ({ vector: isLeft(region) ? STRANGER : OTHER_STRANGER }));
    await frames('c1', 30, [LEFT]); // Alice leaves, the first stranger stays: no second alert
    await frames('c1', 30, []);
    await frames('c1', 3, [RIGHT]); // another stranger, still inside the cooldown: a new identity
    expect(identities(w)).toEqual([
      ['c1', null, 'u-1'],
      ['c1', 'Alice', null],
      ['c1', null, 'u-3'], // u-2 is the first stranger's face
    ]);
    expect(w.alerts.rows[2].timestamp.getTime() - w.alerts.rows[0].timestamp.getTime()).toBeLessThan(DEFAULT_ALERT_POLICY.cooldownMs);
  });

  it('alerts for one identity once per identity cooldown across cameras', async () => {
    const { w, frames, enrol, faceIs } = await identityWorld(300_000);
    await enrol('p-alice', 'Alice', true, ALICE);
    faceIs(() => ({ vector: ALICE }));
    await frames('c1', 3, [LEFT]);
    w.clock.advance(60_000);
    await frames('c2', 3, [LEFT]); // a minute later, on another camera
    expect(identities(w)).toEqual([['c1', 'Alice', null]]);
    w.clock.advance(300_000);
    await frames('c2', 3, [RIGHT]);
    expect(identities(w)).toEqual([
      ['c1', 'Alice', null],
      ['c2', 'Alice', null],
    ]);
  });

  it('gives the same stranger one unknown id on every camera and keeps the crops in that group', async () => {
    const { w, rec, frames, faceIs } = await identityWorld(0);
    faceIs(() => ({ vector: [0.05, 0, 1, 0] }));
    await frames('c1', 3, [LEFT]);
    faceIs(() => ({ vector: [0, 0.05, 1, 0] }));
    await frames('c2', 3, [RIGHT]);
    expect(identities(w)).toEqual([
      ['c1', null, 'u-1'],
      ['c2', null, 'u-1'],
    ]);
    expect([...rec.unknowns.groups.values()]).toMatchObject([{ id: 'u-1', faceCount: 2, cameraIds: ['c1', 'c2'] }]);
    expect(rec.unknowns.faces.map((f) => [f.cameraId, f.box])).toEqual([
      ['c1', { x: 2, y: 4, width: 20, height: 20 }],
      ['c2', { x: 40, y: 4, width: 20, height: 20 }],
    ]);
    // The group's two crops, and each alert's own clean face.
    expect([...rec.crops.crops.keys()].filter((key) => key.startsWith('unknowns/u-1/'))).toHaveLength(2);
    expect([...rec.crops.crops.keys()].filter((key) => key.startsWith('alerts/'))).toHaveLength(2);
    expect(w.publisher.alerts.map((a) => a.alert.unknownId)).toEqual(['u-1', 'u-1']);
  });

  it('corrects the identity when a later, better crop changes the vote (alert_updated)', async () => {
    const { w, rec, frames, enrol, faceIs } = await identityWorld();
    await enrol('p-alice', 'Alice', true, ALICE);
    // Small and blurry, the face looks like nobody; seen larger, it is Alice.
    faceIs((region) => (region.width < 22 ? { vector: [0.5, 0, 0.5, 0.7], quality: 0.3 } : { vector: ALICE, quality: 0.9 }));
    await frames('c1', 3, [LEFT]);
    expect(identities(w)).toEqual([['c1', null, 'u-1']]);
    await frames('c1', 2, [LEFT_BIG]);
    expect(identities(w)).toEqual([['c1', 'Alice', null]]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.publisher.updatedAlerts).toEqual([
      {
        alert: expect.objectContaining({ alertId: w.alerts.rows[0].alertId, person: { id: 'p-alice', name: 'Alice', similarity: 1 }, unknownId: null }),
        audience: { cameraId: 'c1', userIds: ['u-owner', 'u-viewer'], includeAdmins: true },
      },
    ]);
    expect(rec.analyser.calls).toHaveLength(2);
  });

  it('alerts anonymously, under the camera cooldown, when no crop of a track is usable', async () => {
    const { w, rec, frames, faceIs } = await identityWorld();
    faceIs(() => ({ vector: ALICE, rejection: 'turned-away' }));
    await frames('c1', 2 + TRACK_ANALYSES, [LEFT]);
    expect(identities(w)).toEqual([['c1', null, null]]);
    expect(rec.analyser.calls).toHaveLength(TRACK_ANALYSES);
    await frames('c1', 20, [LEFT]);
    faceIs(() => null);
    await frames('c1', 5, [LEFT, RIGHT]); // a new face inside the camera cooldown, never usable
    expect(w.alerts.rows).toHaveLength(1);
    expect(rec.unknowns.groups.size).toBe(0);
  });

  it('logs a failed analysis and still alerts for the face', async () => {
    const { w, rec, frames } = await identityWorld();
    rec.analyser.analyse = async () => {
      throw new Error('worker crashed');
    };
    await frames('c1', 2 + TRACK_ANALYSES, [LEFT]);
    expect(identities(w)).toEqual([['c1', null, null]]);
    expect(w.log.warnings).toEqual(Array(TRACK_ANALYSES).fill('camera c1: face track not identified: Error: worker crashed'));
  });
});

/** Each alert as [camera, person's name, unknown group]. */
function identities(w: ReturnType<typeof runtimeWorld>) {
  return w.alerts.rows.map((a) => [a.cameraId, a.person?.name ?? null, a.unknownId]);
}
