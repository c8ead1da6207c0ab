import { settle } from '../testing/manual-timers';
import { testFrame } from '../testing/pipeline-fakes';
import { runtimeWorld, type RuntimeWorld } from '../testing/runtime-world';

/** Starts camera c1 and lets its feed deliver a first unit: the camera is running. */
async function startRunning(w: RuntimeWorld, overrides = {}) {
  const camera = await w.addCamera(overrides);
  await w.runtime.start(camera);
  w.feeds.last.info();
  w.feeds.last.unit();
  await settle();
  return camera;
}

/** Lets time pass with the camera delivering a unit every `stepMs`. */
function flow(w: RuntimeWorld, ms: number, stepMs = 1000) {
  for (let t = 0; t < ms; t += stepMs) {
    w.timers.advance(stepMs);
    w.feeds.last.unit();
  }
}

describe('CameraRuntime lifecycle', () => {
  it('starts a camera: starting, then running once units arrive', async () => {
    const w = runtimeWorld();
    const camera = await w.addCamera();
    await w.runtime.start(camera);
    expect(w.statuses()).toEqual(['starting']);
    expect(w.cameras.rows.get('c1')?.status).toBe('starting');
    expect(w.feeds.feeds.map((f) => f.spec)).toEqual([{ cameraId: 'c1', url: camera.rtspUrl, transport: 'tcp' }]);
    w.feeds.last.info();
    w.feeds.last.unit();
    w.feeds.last.unit();
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running']);
    expect(w.cameras.rows.get('c1')).toMatchObject({ status: 'running', lastError: null });
    expect(w.live.events).toEqual(['started c1 1280x720', 'unit c1 9000', 'unit c1 18000']);
    expect(w.decoders.last.units.map((u) => u.pts90k)).toEqual([9000, 18000]);
    expect(w.runtime.isActive('c1')).toBe(true);
    expect(w.runtime.counters('c1')).toMatchObject({ unitsIn: 2, reconnects: 0 });
  });

  it('ignores start on a camera that is already starting or running', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    await w.runtime.start(camera);
    expect(w.feeds.feeds).toHaveLength(1);
    expect(w.statuses()).toEqual(['starting', 'running']);
  });

  it('reports a feed that ends as an error and reconnects after the backoff', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.feeds.last.end('connection reset by peer');
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'error']);
    expect(w.cameras.rows.get('c1')?.lastError).toBe('connection reset by peer; reconnecting in 1 s');
    expect(w.publisher.states[2].event.error).toBe('connection reset by peer; reconnecting in 1 s');
    expect(w.live.events[w.live.events.length - 1]).toBe('stopped c1');
    w.timers.advance(999);
    expect(w.feeds.feeds).toHaveLength(1);
    w.timers.advance(1);
    expect(w.feeds.feeds).toHaveLength(2);
    w.feeds.last.unit();
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'starting', 'running']);
    expect(w.runtime.counters('c1')?.reconnects).toBe(1);
  });

  it('never lets the old connection feed the new one after a reconnect', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const first = w.feeds.last;
    first.end('timeout');
    w.timers.advance(1000);
    const liveBefore = w.live.events.length;
    first.info();
    first.unit();
    await settle();
    expect(w.decoders.last.units).toEqual([]);
    expect(w.live.events.length).toBe(liveBefore);
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'starting']);
  });

  it('restarts a stream that goes silent for 10 s (watchdog)', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    flow(w, 20_000);
    expect(w.feeds.feeds).toHaveLength(1);
    w.timers.advance(10_000);
    await settle();
    expect(w.cameras.rows.get('c1')?.lastError).toBe('no video for 10 s; reconnecting in 1 s');
    expect(w.feeds.feeds[0].stopped).toBe(true);
    w.timers.advance(1000);
    expect(w.feeds.feeds).toHaveLength(2);
  });

  it('stops on request: stopped, everything closed, no reconnect, late units ignored', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const feed = w.feeds.last;
    const decoder = w.decoders.last;
    await w.runtime.stop('c1');
    expect(w.statuses()).toEqual(['starting', 'running', 'stopped']);
    expect(w.cameras.rows.get('c1')).toMatchObject({ status: 'stopped', lastError: null });
    expect([feed.stopped, decoder.stopped, w.runtime.isActive('c1')]).toEqual([true, true, false]);
    feed.unit();
    w.timers.advance(600_000);
    await settle();
    expect(w.feeds.feeds).toHaveLength(1);
    expect(w.statuses()).toEqual(['starting', 'running', 'stopped']);
    expect(w.live.events[w.live.events.length - 1]).toBe('stopped c1');
  });

  it('stops a camera waiting to reconnect: the reconnect is cancelled', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.feeds.last.end('refused');
    await w.runtime.stop('c1');
    w.timers.advance(600_000);
    expect(w.feeds.feeds).toHaveLength(1);
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'stopped']);
  });

  it('retries at once when started while waiting to reconnect, and only once', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    w.feeds.last.end('refused');
    await settle();
    await w.runtime.start(camera);
    expect(w.feeds.feeds).toHaveLength(2);
    w.feeds.last.unit();
    flow(w, 4000);
    await settle();
    expect(w.feeds.feeds).toHaveLength(2);
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'starting', 'running']);
  });

  it('keeps one session when two starts arrive together for a waiting camera', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    w.feeds.last.end('refused');
    await Promise.all([w.runtime.start(camera), w.runtime.start(camera)]);
    expect(w.feeds.feeds).toHaveLength(2);
    await w.runtime.stopAll();
    expect(w.feeds.feeds.every((f) => f.stopped)).toBe(true);
  });

  it('stopAll closes every stream but leaves the stored statuses for the next start', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const c2 = await w.addCamera({ id: 'c2' });
    await w.runtime.start(c2);
    const published = w.publisher.states.length;
    await w.runtime.stopAll();
    expect(w.feeds.feeds.map((f) => f.stopped)).toEqual([true, true]);
    expect(w.runtime.activeCameraIds()).toEqual([]);
    expect([w.cameras.rows.get('c1')?.status, w.cameras.rows.get('c2')?.status]).toEqual(['running', 'starting']);
    expect(w.publisher.states.length).toBe(published);
    w.timers.advance(600_000);
    expect(w.feeds.feeds).toHaveLength(2);
  });

  it('resumes only enabled cameras that the user had not stopped', async () => {
    const w = runtimeWorld();
    const cameras = [
      await w.addCamera({ id: 'run', status: 'running' }),
      await w.addCamera({ id: 'err', status: 'error', lastError: 'x' }),
      await w.addCamera({ id: 'starting', status: 'starting' }),
      await w.addCamera({ id: 'off', status: 'running', enabled: false }),
      await w.addCamera({ id: 'stopped', status: 'stopped' }),
    ];
    expect(await w.runtime.resume(cameras)).toBe(3);
    expect(w.feeds.feeds.map((f) => f.spec.cameraId)).toEqual(['run', 'err', 'starting']);
    expect(w.runtime.activeCameraIds()).toEqual(['run', 'err', 'starting']);
  });

  it('sends a heartbeat with status running and the measured fps every 5 s', async () => {
    const w = runtimeWorld();
    w.detector.respondWith([]);
    await startRunning(w);
    const start = w.clock.now().getTime();
    for (let i = 1; i <= 100; i++) {
      w.timers.advance(100);
      w.feeds.last.unit();
      w.decoders.last.emit(testFrame({ grey: i % 2 ? 50 : 150, capturedAt: w.clock.now().getTime() }));
      await settle(1);
    }
    const beats = w.publisher.states.slice(2).map((s) => [Date.parse(s.event.timestamp) - start, s.event.status, s.event.fps]);
    // Each beat fires before that instant's frame: the 5 s window holds 49 frames (9.8 fps).
    expect(beats).toEqual([
      [5000, 'running', 9.8],
      [10_000, 'running', 9.8],
    ]);
    expect(w.publisher.states.slice(2).every((s) => s.audience.userIds.includes('u-viewer'))).toBe(true);
    expect(w.runtime.counters('c1')).toMatchObject({ framesDecoded: 100, processed: 100, motionSkipped: 0, processingFps: 10 });
  });

  it('stops the heartbeat when the stream fails', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.feeds.last.end('reset');
    await settle();
    const published = w.publisher.states.length;
    w.timers.advance(30_000); // reconnects at 1 s and stays in starting: no beat may claim running
    expect(w.publisher.states.slice(published).map((s) => s.event.status)).not.toContain('running');
  });
});
