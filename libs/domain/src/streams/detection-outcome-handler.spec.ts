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
      { cameraId: 'c1', ts: new Date(frame.capturedAt).toISOString(), pts90k: frame.pts90k, frameWidth: 64, frameHeight: 36, boxes: [{ x: 10, y: 6, width: 21, height: 20, score: 0.877 }] },
      { cameraId: 'c1', ts: new Date(empty.capturedAt).toISOString(), pts90k: empty.pts90k, frameWidth: 64, frameHeight: 36, boxes: [] },
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
