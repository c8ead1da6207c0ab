import { AlertPolicy, DEFAULT_ALERT_POLICY } from '../alerts/alert-policy';
import type { FaceBox } from '../detection/face-detector';
import { settle } from '../testing/manual-timers';
import { testFrame } from '../testing/pipeline-fakes';
import { runtimeWorld } from '../testing/runtime-world';
import { DetectionOutcomeHandler } from './detection-outcome-handler';

const FACE: FaceBox = { x: 10.4, y: 5.6, width: 20.5, height: 20.49, score: 0.87654 };

async function handlerWorld() {
  const w = runtimeWorld();
  const state = { camera: await w.addCamera() };
  const policy = new AlertPolicy(DEFAULT_ALERT_POLICY);
  const handler = new DetectionOutcomeHandler(() => state.camera, policy, w.deps);
  let at = w.clock.now().getTime();
  /** Handles a frame captured 100 ms after the previous one, detected with `faces`. */
  const handle = async (faces: FaceBox[]) => {
    at += 100;
    const frame = testFrame({ capturedAt: at });
    handler.handle({ cameraId: 'c1', frame, result: { faces, ms: 5 } });
    await settle();
    return frame;
  };
  return { w, state, policy, handler, handle };
}

describe('DetectionOutcomeHandler', () => {
  it('publishes every outcome with rounded boxes and hands the exact boxes to the live view', async () => {
    const { w, handler, handle } = await handlerWorld();
    const frame = await handle([FACE]);
    const empty = await handle([]);
    expect(w.publisher.detections).toEqual([
      { cameraId: 'c1', ts: new Date(frame.capturedAt).toISOString(), pts90k: frame.pts90k, frameWidth: 64, frameHeight: 36, boxes: [{ x: 10, y: 6, width: 21, height: 20, score: 0.877 }], objects: [] },
      { cameraId: 'c1', ts: new Date(empty.capturedAt).toISOString(), pts90k: empty.pts90k, frameWidth: 64, frameHeight: 36, boxes: [], objects: [] },
    ]);
    expect(w.live.detected.map((d) => d.detections.boxes)).toEqual([[FACE], []]);
    expect([handler.processed, handler.alerts]).toEqual([2, 0]);
  });

  it('records one alert with a snapshot once the policy confirms a face', async () => {
    const { w, policy, handler, handle } = await handlerWorld();
    await handle([FACE]);
    expect(policy.activeTracks).toBe(1);
    expect(w.alerts.rows).toEqual([]);
    const second = await handle([FACE]);
    await handle([FACE]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({
      cameraId: 'c1',
      timestamp: new Date(second.capturedAt),
      bbox: { x: 10, y: 6, width: 21, height: 20 },
      snapshotKey: 'c1/1.jpg',
      meta: { score: 0.877, frameWidth: 64, frameHeight: 36, faces: 1, trackId: 1 },
    });
    expect(w.renderer.calls.map((c) => c.frame)).toEqual([second]);
    expect([handler.processed, handler.alerts]).toEqual([3, 1]);
  });

  it('addresses the alert with the current copy of the camera', async () => {
    const { w, state, handle } = await handlerWorld();
    state.camera = { ...state.camera, viewerIds: ['u-new'] };
    await handle([FACE]);
    await handle([FACE]);
    expect(w.publisher.alerts.map((a) => a.audience.userIds)).toEqual([['u-owner', 'u-new']]);
  });

  it('records the alert without a picture when the snapshot cannot be stored', async () => {
    const { w, handler, handle } = await handlerWorld();
    w.snapshots.save = async () => {
      throw new Error('disk full');
    };
    await handle([FACE]);
    await handle([FACE]);
    expect(w.alerts.rows.map((a) => a.snapshotKey)).toEqual([null]);
    expect(w.log.warnings).toEqual(['camera c1: snapshot not saved: Error: disk full']);
    expect(handler.alerts).toBe(1);
  });

  it('logs an alert that cannot be recorded and does not count it', async () => {
    const { w, handler, handle } = await handlerWorld();
    jest.spyOn(w.alerts, 'add').mockRejectedValue(new Error('database unreachable'));
    await handle([FACE]);
    await handle([FACE]);
    expect(w.log.warnings).toEqual(['camera c1: alert not recorded: Error: database unreachable']);
    expect(handler.alerts).toBe(0);
  });
});

describe('DetectionOutcomeHandler with masks and zones', () => {
  // FACE's centre in the 64×36 test frame is at about (0.32, 0.44).
  const around = (name: string, kind: 'mask' | 'zone') => ({ name, kind, points: [[0.2, 0.2], [0.5, 0.2], [0.5, 0.7], [0.2, 0.7]] as [number, number][] });
  const elsewhere = (name: string, kind: 'mask' | 'zone') => ({ name, kind, points: [[0.6, 0], [1, 0], [1, 1], [0.6, 1]] as [number, number][] });
  const OTHER: FaceBox = { x: 50, y: 10, width: 8, height: 8, score: 0.9 };

  it('drops a face inside a mask: no detection box, no live-view box, no alert', async () => {
    const { w, state, handler, handle } = await handlerWorld();
    state.camera = { ...state.camera, zones: [around('TV', 'mask')] };
    for (let i = 0; i < 5; i++) await handle([FACE]);
    expect(w.publisher.detections.map((d) => d.boxes)).toEqual([[], [], [], [], []]);
    expect(w.live.detected.map((d) => d.detections.boxes)).toEqual([[], [], [], [], []]);
    expect(w.alerts.rows).toEqual([]);
    expect(handler.alerts).toBe(0);
  });

  it('keeps faces outside the mask, and alerts on them in no zone', async () => {
    const { w, state, handle } = await handlerWorld();
    state.camera = { ...state.camera, zones: [around('TV', 'mask')] };
    await handle([FACE, OTHER]);
    await handle([FACE, OTHER]);
    expect(w.publisher.detections.map((d) => d.boxes.length)).toEqual([1, 1]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({ kind: 'face', zones: [], bbox: { x: 50, y: 10 } });
  });

  it('alerts only inside a zone, naming the zones the face is in', async () => {
    const { w, state, handle } = await handlerWorld();
    state.camera = { ...state.camera, zones: [elsewhere('Garden', 'zone'), around('Door', 'zone')] };
    await handle([FACE]);
    await handle([FACE]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({ kind: 'face', zones: ['Door'] });
  });

  it('shows a face outside every zone but does not alert on it', async () => {
    const { w, state, handle } = await handlerWorld();
    state.camera = { ...state.camera, zones: [elsewhere('Garden', 'zone')] };
    for (let i = 0; i < 4; i++) await handle([FACE]);
    expect(w.publisher.detections.map((d) => d.boxes.length)).toEqual([1, 1, 1, 1]);
    expect(w.alerts.rows).toEqual([]);
  });

  it('applies changed zones from the next frame on', async () => {
    const { w, state, handle } = await handlerWorld();
    state.camera = { ...state.camera, zones: [around('TV', 'mask')] };
    await handle([FACE]);
    await handle([FACE]);
    state.camera = { ...state.camera, zones: [] };
    await handle([FACE]);
    await handle([FACE]);
    expect(w.publisher.detections.map((d) => d.boxes.length)).toEqual([0, 0, 1, 1]);
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0]).toMatchObject({ kind: 'face', zones: [] });
  });

  it('judges zones in the processed frame while the alert box is in the camera pixels', async () => {
    const w = runtimeWorld();
    const camera = { ...(await w.addCamera()), zones: [around('Door', 'zone')] };
    const handler = new DetectionOutcomeHandler(() => camera, new AlertPolicy(DEFAULT_ALERT_POLICY), w.deps, () => ({ width: 640, height: 360 }));
    for (const at of [100, 200]) handler.handle({ cameraId: 'c1', frame: testFrame({ capturedAt: at }), result: { faces: [FACE], ms: 5 } });
    await settle();
    expect(w.alerts.rows[0]).toMatchObject({ zones: ['Door'], bbox: { x: 104, y: 56, width: 205, height: 205 }, meta: { frameWidth: 640, frameHeight: 360 } });
  });
});
