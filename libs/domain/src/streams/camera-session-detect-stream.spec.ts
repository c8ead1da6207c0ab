import type { FaceBox } from '../detection/face-detector';
import { settle } from '../testing/manual-timers';
import type { FakeFeed } from '../testing/pipeline-fakes';
import { testFrame } from '../testing/pipeline-fakes';
import { runtimeWorld, type RuntimeWorld } from '../testing/runtime-world';

// A camera with a detection stream: the main pull (rtspUrl) feeds the live view, a second pull
// (detectRtspUrl) is what detection decodes. Both are supervised; the camera's status covers both.

const MAIN = 'rtsp://cam:s3cret@10.0.0.5/stream1';
const SMALL = 'rtsp://cam:s3cret@10.0.0.5/stream2';
const FACE: FaceBox = { x: 10, y: 6, width: 20, height: 20, score: 0.9 };

const mainFeed = (w: RuntimeWorld): FakeFeed => last(w, MAIN);
const detectFeed = (w: RuntimeWorld): FakeFeed => last(w, SMALL);

function last(w: RuntimeWorld, url: string): FakeFeed {
  const feeds = w.feeds.feeds.filter((f) => f.spec.url === url);
  const feed = feeds[feeds.length - 1];
  if (!feed) throw new Error(`no feed for ${url}`);
  return feed;
}

/** Starts c1 with a detection stream; both pulls deliver a first unit, the main one its size. */
async function startBoth(w: RuntimeWorld, overrides = {}) {
  const camera = await w.addCamera({ detectRtspUrl: SMALL, ...overrides });
  await w.runtime.start(camera);
  mainFeed(w).info({ width: 1920, height: 1080 });
  mainFeed(w).unit();
  if (camera.detectionEnabled) {
    detectFeed(w).info({ width: 640, height: 360 });
    detectFeed(w).unit();
  }
  await settle();
  return camera;
}

/** Both pulls keep delivering a unit every `stepMs` for `ms`. */
function flow(w: RuntimeWorld, ms: number, feeds: FakeFeed[], stepMs = 1000) {
  for (let t = 0; t < ms; t += stepMs) {
    w.timers.advance(stepMs);
    for (const feed of feeds) feed.unit();
  }
}

describe('CameraSession with a detection stream', () => {
  it('pulls both streams: the main one to the live view, the detection one to the decoder', async () => {
    const w = runtimeWorld();
    const camera = await w.addCamera({ detectRtspUrl: SMALL });
    await w.runtime.start(camera);
    expect(w.feeds.feeds.map((f) => f.spec)).toEqual([
      { cameraId: 'c1', url: MAIN, transport: 'tcp' },
      { cameraId: 'c1', url: SMALL, transport: 'tcp' },
    ]);
    // The decoder waits for the detection stream's connection, not the main one's units.
    mainFeed(w).info({ width: 1920, height: 1080 });
    const m = mainFeed(w).unit({ pts90k: 4_000_000 });
    detectFeed(w).info({ width: 640, height: 360 });
    const d = detectFeed(w).unit({ pts90k: 7_000 });
    await settle();
    expect(w.decoders.specs).toEqual([{ cameraId: 'c1', fps: 10, maxWidth: 640 }]);
    expect(w.decoders.last.units).toEqual([d]);
    expect(w.live.events).toEqual(['started c1 1920x1080', `unit c1 ${m.pts90k}`]);
    expect(w.runtime.counters('c1')).toMatchObject({ unitsIn: 1, detectionUnitsIn: 1 });
  });

  it('is starting until both streams deliver, then running', async () => {
    const w = runtimeWorld();
    const camera = await w.addCamera({ detectRtspUrl: SMALL });
    await w.runtime.start(camera);
    mainFeed(w).unit();
    await settle();
    expect(w.statuses()).toEqual(['starting']);
    detectFeed(w).unit();
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running']);
    expect(w.cameras.rows.get('c1')).toMatchObject({ status: 'running', lastError: null });
  });

  it('reports a failed detection stream as the camera’s error, naming it, and reconnects only that stream', async () => {
    const w = runtimeWorld();
    await startBoth(w);
    const main = mainFeed(w);
    const decoder = w.decoders.last;
    detectFeed(w).end('connection refused (rtsp://cam:***@10.0.0.5/stream2)');
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'error']);
    expect(w.cameras.rows.get('c1')?.lastError).toBe('detection stream: connection refused (rtsp://cam:***@10.0.0.5/stream2); reconnecting in 1 s');
    // The main pull and the live view are untouched; the decoder of the failed stream is gone.
    expect([main.stopped, w.live.events.includes('stopped c1'), decoder.stopped]).toEqual([false, false, true]);
    main.unit();
    expect(w.live.events.at(-1)).toMatch(/^unit c1/);
    w.timers.advance(1000);
    expect(w.feeds.feeds.map((f) => f.spec.url)).toEqual([MAIN, SMALL, SMALL]);
    detectFeed(w).unit();
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'starting', 'running']);
    expect(w.decoders.decoders).toHaveLength(2);
    expect(w.decoders.last.units).toHaveLength(1);
    expect(w.runtime.counters('c1')?.reconnects).toBe(1);
  });

  it('restarts a silent detection stream (watchdog) while the main one flows', async () => {
    const w = runtimeWorld();
    await startBoth(w);
    flow(w, 10_000, [mainFeed(w)]);
    await settle();
    expect(w.cameras.rows.get('c1')?.lastError).toBe('detection stream: no video for 10 s; reconnecting in 1 s');
    expect(mainFeed(w).stopped).toBe(false);
    expect(w.feeds.feeds.filter((f) => f.spec.url === MAIN)).toHaveLength(1);
  });

  it('sends no running heartbeat while the detection stream is in error', async () => {
    const w = runtimeWorld({ settings: { supervisor: { backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 0, healthyAfterMs: 60_000 }, watchdogMs: 10_000, watchdogCheckMs: 1000 } } });
    await startBoth(w);
    detectFeed(w).end('refused');
    await settle();
    const published = w.publisher.states.length;
    flow(w, 30_000, [mainFeed(w)]);
    await settle();
    expect(w.publisher.states.slice(published).map((s) => s.event.status)).toEqual([]);
  });

  it('names the main stream when it fails, and detection goes on decoding the detection stream', async () => {
    const w = runtimeWorld();
    await startBoth(w);
    const decoder = w.decoders.last;
    mainFeed(w).end('connection reset by peer');
    await settle();
    expect(w.cameras.rows.get('c1')?.lastError).toBe('main stream: connection reset by peer; reconnecting in 1 s');
    expect(w.live.events.at(-1)).toBe('stopped c1');
    expect([decoder.stopped, detectFeed(w).stopped]).toEqual([false, false]);
    detectFeed(w).unit();
    expect(decoder.units).toHaveLength(2);
  });

  it('names both streams when both fail', async () => {
    const w = runtimeWorld();
    await startBoth(w);
    mainFeed(w).end('timeout');
    detectFeed(w).end('refused');
    await settle();
    expect(w.cameras.rows.get('c1')?.lastError).toBe('main stream: timeout; reconnecting in 1 s. detection stream: refused; reconnecting in 1 s');
  });

  it('pulls the detection stream only while detection is on', async () => {
    const w = runtimeWorld();
    const camera = await startBoth(w, { detectionEnabled: false });
    expect(w.feeds.feeds.map((f) => f.spec.url)).toEqual([MAIN]);
    expect(w.decoders.decoders).toEqual([]);
    expect(w.statuses()).toEqual(['starting', 'running']);

    await w.runtime.reconfigure({ ...camera, detectionEnabled: true });
    expect(w.feeds.feeds.map((f) => f.spec.url)).toEqual([MAIN, SMALL]);
    expect(w.decoders.decoders).toHaveLength(1);
    detectFeed(w).unit();
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'starting', 'running']);

    await w.runtime.reconfigure({ ...camera, detectionEnabled: false });
    expect([detectFeed(w).stopped, w.decoders.last.stopped, mainFeed(w).stopped]).toEqual([true, true, false]);
    flow(w, 60_000, [mainFeed(w)]); // no watchdog, no reconnect for the stream let go
    await settle();
    expect(w.feeds.feeds).toHaveLength(2);
    expect(w.cameras.rows.get('c1')?.status).toBe('running');
  });

  it('clears a detection stream error when detection is switched off', async () => {
    const w = runtimeWorld();
    const camera = await startBoth(w);
    detectFeed(w).end('refused');
    await settle();
    expect(w.cameras.rows.get('c1')?.status).toBe('error');
    await w.runtime.reconfigure({ ...camera, detectionEnabled: false });
    await settle();
    expect(w.statuses().slice(-2)).toEqual(['error', 'running']);
    flow(w, 60_000, [mainFeed(w)]);
    expect(w.feeds.feeds).toHaveLength(2);
  });

  it('restarts only the decoder on an fps change', async () => {
    const w = runtimeWorld();
    const camera = await startBoth(w);
    await w.runtime.reconfigure({ ...camera, fps: 5 });
    expect(w.decoders.specs.map((s) => s.fps)).toEqual([10, 5]);
    expect(w.feeds.feeds.every((f) => !f.stopped)).toBe(true);
    detectFeed(w).unit();
    mainFeed(w).unit();
    expect(w.decoders.last.units).toHaveLength(1);
  });

  it("raises alerts from the detection stream's frames, in the main stream's pixels", async () => {
    const w = runtimeWorld();
    await startBoth(w);
    for (let i = 0; i < 3; i++) {
      w.timers.advance(100);
      w.decoders.last.emit(testFrame({ capturedAt: w.clock.now().getTime() })); // 64×36: 30 times smaller than 1920×1080
      await settle();
      w.detector.resolveNext([FACE]);
      await settle();
    }
    expect(w.alerts.rows[0]).toMatchObject({ bbox: { x: 300, y: 180, width: 600, height: 600 }, meta: { frameWidth: 1920, frameHeight: 1080 } });
    // The snapshot is the detected frame itself.
    expect(w.renderer.calls[0].frame).toMatchObject({ width: 64, height: 36 });
    expect(w.publisher.detections[0]).toMatchObject({ frameWidth: 64, frameHeight: 36 });
  });

  it("gives detections the main stream's timestamp of the frame's moment", async () => {
    const w = runtimeWorld();
    await startBoth(w);
    w.timers.advance(40);
    const main = mainFeed(w).unit({ pts90k: 5_000_000 }); // arrives at t
    w.timers.advance(20);
    const at = w.clock.now().getTime();
    w.decoders.last.emit(testFrame({ capturedAt: at })); // its own pts90k: at × 90
    await settle();
    w.detector.resolveNext([]);
    await settle();
    expect(w.publisher.detections[0].pts90k).toBe(main.pts90k + 20 * 90);
    expect(w.live.detected[0].detections.pts90k).toBe(main.pts90k + 20 * 90);
  });

  it('stops both pulls on stop: one stopped status, nothing reconnects', async () => {
    const w = runtimeWorld();
    await startBoth(w);
    detectFeed(w).end('refused');
    await settle();
    await w.runtime.stop('c1');
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'stopped']);
    expect(w.feeds.feeds.every((f) => f.stopped)).toBe(true);
    w.timers.advance(600_000);
    expect(w.feeds.feeds).toHaveLength(2);
  });

  it('retries at once when started while only the detection stream waits to reconnect', async () => {
    const w = runtimeWorld();
    const camera = await startBoth(w);
    detectFeed(w).end('refused');
    await settle();
    await w.runtime.start(camera);
    expect(w.feeds.feeds.map((f) => [f.spec.url, f.stopped])).toEqual([
      [MAIN, true],
      [SMALL, true],
      [MAIN, false],
      [SMALL, false],
    ]);
  });
});
