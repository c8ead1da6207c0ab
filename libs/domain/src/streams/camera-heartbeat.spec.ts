import type { Camera } from '../cameras/camera';
import { runtimeWorld, testCamera } from '../testing/runtime-world';
import { CameraHeartbeat } from './camera-heartbeat';

const INTERVAL_MS = 5000;

function heartbeatWorld(overrides: Partial<Camera> = {}) {
  const w = runtimeWorld();
  const state = { camera: testCamera({ status: 'starting', lastError: 'old failure', ...overrides }), closed: false };
  const heartbeat = new CameraHeartbeat({ camera: () => state.camera, closed: () => state.closed }, w.deps, INTERVAL_MS);
  return { w, state, heartbeat, beats: () => w.publisher.states.map((s) => s.event) };
}

/** `count` events spread evenly over the next `ms`. */
function spread(w: ReturnType<typeof runtimeWorld>, count: number, ms: number, record: () => void): void {
  for (let i = 0; i < count; i++) {
    w.timers.advance(ms / count);
    record();
  }
}

describe('CameraHeartbeat', () => {
  it('reports the camera as running with its measured FPS every interval', () => {
    const { w, heartbeat, beats } = heartbeatWorld();
    heartbeat.start();
    w.timers.advance(INTERVAL_MS - 1);
    expect(beats()).toEqual([]);
    w.timers.advance(1);
    expect(beats()).toEqual([{ cameraId: 'c1', status: 'running', fps: 0, timestamp: '2026-01-01T00:00:05.000Z' }]);
    spread(w, 40, 4000, () => heartbeat.frameHandled());
    w.timers.advance(1000);
    expect(beats()).toHaveLength(2);
    expect(beats()[1]).toMatchObject({ status: 'running', fps: 8, timestamp: '2026-01-01T00:00:10.000Z' });
    expect(w.publisher.states[1].audience.userIds).toEqual(['u-owner', 'u-viewer']);
  });

  it('measures handled frames while detection is on and arriving units while it is off', () => {
    const { w, state, heartbeat } = heartbeatWorld();
    spread(w, 25, 5000, () => heartbeat.frameHandled());
    spread(w, 50, 5000, () => heartbeat.unitArrived());
    expect(heartbeat.fps()).toBe(0); // the frames are older than the 5 s window
    spread(w, 10, 1000, () => heartbeat.frameHandled());
    expect(heartbeat.fps()).toBe(2);
    state.camera = { ...state.camera, detectionEnabled: false };
    expect(heartbeat.fps()).toBe(8); // 40 of the 50 units fall within the last 5 s
  });

  it('keeps one beat however often it is started, and none once stopped', () => {
    const { w, heartbeat, beats } = heartbeatWorld();
    heartbeat.start();
    w.timers.advance(2000);
    heartbeat.start();
    expect(w.timers.pendingCount).toBe(1);
    w.timers.advance(INTERVAL_MS * 2 - 2000);
    expect(beats()).toHaveLength(2);
    heartbeat.stop();
    expect(w.timers.pendingCount).toBe(0);
    w.timers.advance(INTERVAL_MS * 3);
    expect(beats()).toHaveLength(2);
  });

  it('sends nothing and stops beating while the session is closed', () => {
    const { w, state, heartbeat, beats } = heartbeatWorld();
    heartbeat.start();
    state.closed = true;
    w.timers.advance(INTERVAL_MS * 3);
    expect(beats()).toEqual([]);
    expect(w.timers.pendingCount).toBe(0);
  });

  it('reports the current copy of the camera', () => {
    const { w, state, heartbeat } = heartbeatWorld();
    heartbeat.start();
    state.camera = { ...state.camera, viewerIds: [] };
    w.timers.advance(INTERVAL_MS);
    expect(w.publisher.states[0].audience.userIds).toEqual(['u-owner']);
  });
});
