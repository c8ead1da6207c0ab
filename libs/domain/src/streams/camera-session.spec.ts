import type { FaceBox } from '../detection/face-detector';
import { settle } from '../testing/manual-timers';
import { testFrame } from '../testing/pipeline-fakes';
import { runtimeWorld, TEST_RUNTIME_SETTINGS, type RuntimeWorld } from '../testing/runtime-world';

const FACE: FaceBox = { x: 10.4, y: 5.6, width: 20.5, height: 20.49, score: 0.87654 };

async function startRunning(w: RuntimeWorld, overrides = {}) {
  const camera = await w.addCamera(overrides);
  await w.runtime.start(camera);
  w.feeds.last.unit();
  await settle();
  return camera;
}

/** One decoded frame 100 ms later, detected with `faces`; returns the frame. */
async function detect(w: RuntimeWorld, faces: FaceBox[], grey = 100) {
  w.timers.advance(100);
  const frame = w.decoders.last.emit(testFrame({ grey, capturedAt: w.clock.now().getTime() }));
  await settle();
  w.detector.resolveNext(faces);
  await settle();
  return frame;
}

describe('CameraSession detection', () => {
  it('creates no decoder while detection is off; the stream and live view still run', async () => {
    const w = runtimeWorld();
    await startRunning(w, { detectionEnabled: false });
    w.feeds.last.unit();
    expect(w.decoders.decoders).toEqual([]);
    expect(w.statuses()).toEqual(['starting', 'running']);
    expect(w.live.events.filter((e) => e.startsWith('unit'))).toHaveLength(2);
  });

  it('switches detection on and off without touching the feed', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w, { detectionEnabled: false });
    await w.runtime.reconfigure({ ...camera, detectionEnabled: true });
    expect(w.decoders.specs).toEqual([{ cameraId: 'c1', fps: 10, maxWidth: 640 }]);
    await w.runtime.reconfigure({ ...camera, detectionEnabled: false });
    expect(w.decoders.last.stopped).toBe(true);
    expect(w.feeds.feeds).toHaveLength(1);
    expect(w.feeds.last.stopped).toBe(false);
  });

  it('recreates only the decoder, with the new fps, when the fps changes', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    await w.runtime.reconfigure({ ...camera, fps: 3 });
    expect(w.decoders.specs.map((s) => s.fps)).toEqual([10, 3]);
    expect(w.decoders.decoders[0].stopped).toBe(true);
    expect([w.feeds.feeds.length, w.feeds.last.stopped]).toEqual([1, false]);
    w.feeds.last.unit();
    expect(w.decoders.last.units).toHaveLength(1);
    await w.runtime.reconfigure({ ...camera, fps: 3, name: 'Renamed' });
    expect(w.decoders.decoders).toHaveLength(2);
  });

  it('ignores a replaced decoder: its late frames and its end', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    const old = w.decoders.last;
    await w.runtime.reconfigure({ ...camera, fps: 5 });
    old.emit();
    old.end('ffmpeg exited with signal SIGTERM');
    await settle();
    w.timers.advance(5000); // past decoderRestartMs, before the watchdog
    expect(w.detector.frames).toEqual([]);
    expect(w.decoders.decoders).toHaveLength(2);
    expect(w.decoders.last.stopped).toBe(false);
    w.decoders.last.emit();
    await settle();
    expect(w.detector.frames).toHaveLength(1);
  });

  it('restarts a crashed decoder after a pause, the feed staying up', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.decoders.last.end('decoder exited with code 1 (rtsp://cam:s3cret@10.0.0.5/stream1)');
    expect(w.log.warnings).toEqual(['camera c1: decoder ended: decoder exited with code 1 (rtsp://cam:***@10.0.0.5/stream1)']);
    w.timers.advance(1999);
    expect(w.decoders.decoders).toHaveLength(1);
    w.timers.advance(1);
    expect(w.decoders.decoders).toHaveLength(2);
    expect(w.feeds.feeds).toHaveLength(1);
  });

  it('publishes each detection with rounded boxes and the frame size', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const frame = await detect(w, [FACE]);
    expect(w.publisher.detections).toEqual([
      {
        cameraId: 'c1',
        ts: new Date(frame.capturedAt).toISOString(),
        pts90k: frame.pts90k,
        frameWidth: 64,
        frameHeight: 36,
        boxes: [{ x: 10, y: 6, width: 21, height: 20, score: 0.877 }],
        objects: [],
      },
    ]);
  });

  it('hands every detection to the live view, with the frame size and times, and an empty one too', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const frame = await detect(w, [FACE]);
    const empty = await detect(w, [], 200);
    expect(w.live.detected).toEqual([
      { cameraId: 'c1', detections: { frameWidth: 64, frameHeight: 36, capturedAt: frame.capturedAt, pts90k: frame.pts90k, boxes: [FACE] } },
      { cameraId: 'c1', detections: { frameWidth: 64, frameHeight: 36, capturedAt: empty.capturedAt, pts90k: empty.pts90k, boxes: [] } },
    ]);
    expect(w.publisher.detections).toHaveLength(2);
  });

  it('works with a live view that takes no detections', async () => {
    const w = runtimeWorld();
    w.deps.live = { cameraStarted: () => undefined, unit: () => undefined, cameraStopped: () => undefined };
    await startRunning(w);
    await detect(w, [FACE]);
    expect(w.publisher.detections).toHaveLength(1);
  });

  it('skips detection on still frames and counts them', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    await detect(w, []);
    for (let i = 0; i < 5; i++) {
      w.timers.advance(100);
      w.decoders.last.emit();
    }
    await settle();
    expect(w.detector.pending).toEqual([]);
    expect(w.runtime.counters('c1')).toMatchObject({ framesDecoded: 6, motionSkipped: 5, processed: 1 });
  });

  it('survives a failed detection', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.decoders.last.emit();
    await settle();
    w.detector.rejectNext(new Error('worker crashed'));
    await settle();
    expect(w.failures.map((f) => f.cameraId)).toEqual(['c1']);
    expect(w.runtime.counters('c1')).toMatchObject({ failed: 1, processed: 0 });
    await detect(w, [], 200);
    expect(w.runtime.counters('c1')?.processed).toBe(1);
  });

  it('drops a result that arrives after detection was switched off', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    w.decoders.last.emit();
    await settle();
    await w.runtime.reconfigure({ ...camera, detectionEnabled: false });
    w.detector.resolveNext([FACE]);
    await settle();
    expect(w.publisher.detections).toEqual([]);
    expect(w.live.detected).toEqual([]);
  });
});

describe('CameraSession masks and zones', () => {
  const mask = { name: 'TV', kind: 'mask' as const, points: [[0, 0], [1, 0], [1, 1], [0, 1]] as [number, number][] };

  it('applies new zones to the next frame without restarting the decoder or the feed', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    await detect(w, [FACE]);
    await w.runtime.reconfigure({ ...camera, zones: [mask] });
    expect([w.decoders.decoders.length, w.feeds.feeds.length, w.decoders.last.stopped]).toEqual([1, 1, false]);
    await detect(w, [FACE], 160);
    await detect(w, [FACE], 100);
    await settle();
    expect(w.publisher.detections.map((d) => d.boxes.length)).toEqual([1, 0, 0]);
    expect(w.alerts.rows).toEqual([]);
  });

  it('lets no motion inside a mask wake detection', async () => {
    const w = runtimeWorld();
    await startRunning(w, { zones: [mask] });
    await detect(w, []);
    for (let i = 0; i < 5; i++) {
      w.timers.advance(100);
      w.decoders.last.emit(testFrame({ grey: i % 2 ? 100 : 200, capturedAt: w.clock.now().getTime() }));
    }
    await settle();
    expect(w.detector.pending).toEqual([]);
    expect(w.runtime.counters('c1')).toMatchObject({ framesDecoded: 6, motionSkipped: 5, processed: 1 });
  });
});

describe('CameraSession alerts', () => {
  it('stores exactly one alert for a face seen twice, with its snapshot and meta', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    await detect(w, [FACE]);
    expect(w.alerts.rows).toEqual([]);
    const second = await detect(w, [FACE]);
    await detect(w, [FACE]);
    await settle();
    expect(w.alerts.rows).toHaveLength(1);
    const alert = w.alerts.rows[0];
    expect(alert).toMatchObject({
      cameraId: 'c1',
      timestamp: new Date(second.capturedAt),
      bbox: { x: 10, y: 6, width: 21, height: 20 },
      snapshotUrl: null,
      snapshotKey: 'c1/1.jpg',
      meta: { score: 0.877, frameWidth: 64, frameHeight: 36, faces: 1, trackId: 1 },
    });
    expect(await w.snapshots.read('c1/1.jpg')).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 1]));
    expect(w.renderer.calls).toHaveLength(1);
    expect(w.renderer.calls[0].frame.capturedAt).toBe(second.capturedAt);
    expect(w.publisher.alerts.map((a) => a.audience)).toEqual([{ cameraId: 'c1', userIds: ['u-owner', 'u-viewer'], includeAdmins: true }]);
    expect(w.runtime.counters('c1')?.alerts).toBe(1);
  });

  it("gives the alert's box and frame size in the camera's own pixels, once the stream said its size", async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.feeds.last.info({ width: 1280, height: 720 }); // the decoded frames are 64×36: 20 times smaller
    for (let i = 0; i < 3; i++) await detect(w, [FACE]);
    await settle();
    expect(w.alerts.rows[0]).toMatchObject({
      bbox: { x: 208, y: 112, width: 410, height: 410 },
      meta: { frameWidth: 1280, frameHeight: 720 },
    });
    // Viewers' boxes stay in the processed frame's pixels, with that frame's size.
    expect(w.publisher.detections.at(-1)).toMatchObject({ frameWidth: 64, frameHeight: 36, boxes: [{ x: 10, y: 6, width: 21, height: 20 }] });
  });

  it('marks a frame that may confirm a face as urgent for the scheduler, and only that one', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const offer = jest.spyOn(w.scheduler, 'offer');
    await detect(w, [], 100);
    await detect(w, [FACE], 120); // a face, seen once
    await detect(w, [FACE], 140); // its confirming frame: alert
    await detect(w, [FACE], 160);
    expect(offer.mock.calls.map((call) => call[2])).toEqual([false, false, true, false]);
  });

  it('confirms a face whose frames a busy detector serves further apart than the track ttl, the second urgent', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const offer = jest.spyOn(w.scheduler, 'offer');
    await detect(w, [FACE]); // a face, seen once
    w.timers.advance(3 * TEST_RUNTIME_SETTINGS.alerts.trackTtlMs); // the detector served other cameras meanwhile
    await detect(w, [FACE]);
    await settle();
    expect(offer.mock.calls.map((call) => call[2])).toEqual([false, true]);
    expect(w.alerts.rows).toHaveLength(1);
  });

  it('counts every face of the frame in the alert', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    const other: FaceBox = { x: 40, y: 10, width: 15, height: 15, score: 0.7 };
    await detect(w, [FACE, other]);
    await detect(w, [FACE, other]);
    await settle();
    expect(w.alerts.rows.map((a) => a.meta.faces)).toEqual([2]);
    expect(w.renderer.calls[0].boxes).toHaveLength(2);
  });

  it('addresses alerts to the viewers the camera has now', async () => {
    const w = runtimeWorld();
    const camera = await startRunning(w);
    await w.runtime.reconfigure({ ...camera, viewerIds: ['u-new'] });
    await detect(w, [FACE]);
    await detect(w, [FACE]);
    await settle();
    expect(w.publisher.alerts.map((a) => a.audience.userIds)).toEqual([['u-owner', 'u-new']]);
    expect(w.decoders.decoders).toHaveLength(1);
  });

  it('records the alert without a picture when the snapshot cannot be stored, and says so', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    w.snapshots.save = async () => {
      throw new Error('disk full');
    };
    await detect(w, [FACE]);
    await detect(w, [FACE]);
    await settle();
    expect(w.alerts.rows).toHaveLength(1);
    expect(w.alerts.rows[0].snapshotKey).toBeNull();
    expect(w.log.warnings).toEqual(['camera c1: snapshot not saved: Error: disk full']);
  });
});

describe('CameraSession status during a database outage', () => {
  /** Reconnecting only after a minute, so the heartbeats below see the camera in error. */
  const slowBackoff = { settings: { supervisor: { ...TEST_RUNTIME_SETTINGS.supervisor, backoff: { ...TEST_RUNTIME_SETTINGS.supervisor.backoff, baseMs: 60_000 } } } };

  it('publishes a failure at once and stores it on a later heartbeat, once the database is back', async () => {
    const w = runtimeWorld(slowBackoff);
    await startRunning(w);
    expect(w.statuses()).toEqual(['starting', 'running']);
    const update = jest.spyOn(w.cameras, 'update').mockRejectedValue(new Error('database unreachable'));
    w.feeds.last.end('connection reset by the camera');
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'error']);
    expect(w.publisher.states.at(-1)?.event.error).toMatch(/^connection reset by the camera/);
    expect(w.cameras.rows.get('c1')?.status).toBe('running');
    expect(w.log.warnings.join('\n')).toMatch(/status update failed, will retry: Error: database unreachable/);

    w.timers.advance(TEST_RUNTIME_SETTINGS.heartbeatMs); // still down: tried again
    await settle();
    expect(update.mock.calls.length).toBe(2);
    update.mockRestore();
    w.timers.advance(TEST_RUNTIME_SETTINGS.heartbeatMs);
    await settle();
    expect(w.cameras.rows.get('c1')).toMatchObject({ status: 'error', lastError: expect.stringMatching(/^connection reset by the camera/) });
    w.timers.advance(TEST_RUNTIME_SETTINGS.heartbeatMs * 3); // stored: no more tries
    await settle();
    expect(w.log.warnings.filter((line) => line.includes('status update failed'))).toHaveLength(2);
  });

  it('never stores an older status over a newer one', async () => {
    const w = runtimeWorld();
    await startRunning(w);
    let fail: (error: Error) => void = () => undefined;
    jest.spyOn(w.cameras, 'update').mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
    w.feeds.last.end('connection reset by the camera'); // storing 'error' hangs...
    await settle();
    w.timers.advance(1500); // ...while the supervisor reconnects ('starting') and the camera runs again
    await settle();
    w.feeds.last.unit();
    await settle();
    fail(new Error('database unreachable')); // ...and then fails, behind two newer statuses
    await settle();
    w.timers.advance(TEST_RUNTIME_SETTINGS.heartbeatMs + 100); // when 'error' would have been retried
    await settle();
    expect(w.statuses()).toEqual(['starting', 'running', 'error', 'starting', 'running', 'running']);
    expect(w.cameras.rows.get('c1')?.status).toBe('running');
  });

  it('stops retrying once the camera is stopped', async () => {
    const w = runtimeWorld(slowBackoff);
    await startRunning(w);
    const update = jest.spyOn(w.cameras, 'update').mockRejectedValue(new Error('database unreachable'));
    w.feeds.last.end('connection reset by the camera');
    await settle();
    await w.runtime.stop('c1');
    await settle();
    const tries = update.mock.calls.length;
    w.timers.advance(TEST_RUNTIME_SETTINGS.heartbeatMs * 4);
    await settle();
    expect(update.mock.calls.length).toBe(tries);
  });
});
