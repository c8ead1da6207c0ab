import { execFileSync } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { nextEvent } from './support/sockets';

// Real pipeline: simulator (RTSP) → ffmpeg feed → ffmpeg decoder → detection pool → alerts.
jest.setTimeout(180_000);

interface StateEvent {
  cameraId: string;
  status: string;
  error?: string;
}

/** ffmpeg processes started by this test process (the feeds and decoders of the app under test). */
function ownFfmpegChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => /ffmpeg/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}


describe('camera pipeline with the simulator', () => {
  let t: TestApp;
  let sim: CameraSimulator;
  let socket: Socket;
  let owner: { id: string; token: string };

  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { faces: { clip: clips.faces }, empty: { clip: clips.empty }, flaky: { clip: clips.faces } } });
    // The face cameras all show the same stranger, one unknown group: with the cross-camera identity
    // cooldown (300 s by default) only the first of them would alert. This suite follows each camera
    // under its own cooldown; pipeline-recognition and the IdentityCooldown spec cover the identity rules.
    t = await startTestApp({ DETECTION_THREADS: '1', ALERT_COOLDOWN_S: '60', IDENTITY_COOLDOWN_S: '0' });
    owner = await t.user('operator');
    socket = io(t.url, { path: '/ws', transports: ['websocket'], auth: { token: owner.token }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  const addCamera = async (name: string, path: string) =>
    (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ name, rtspUrl: sim.url(path) })).expect(201)).body.id as string;

  it('raises one alert with a snapshot for a face, and none for a face-free camera', async () => {
    const faces = await addCamera('Faces', 'faces');
    const empty = await addCamera('Empty', 'empty');
    await socket.emitWithAck('subscribe', { cameraIds: [empty] });
    let emptyFrames = 0;
    let emptyBoxes = 0;
    socket.on('detections', (d: { cameraId: string; boxes: unknown[] }) => {
      if (d.cameraId !== empty) return;
      emptyFrames++;
      emptyBoxes += d.boxes.length;
    });
    const running = nextEvent<StateEvent>(socket, 'camera_state', (e) => e.cameraId === faces && e.status === 'running', 60_000);
    const alert = nextEvent<{ cameraId: string; snapshotUrl: string; meta: Record<string, unknown> }>(socket, 'alert', (a) => a.cameraId === faces, 90_000);
    const started = await t.http().post(`/api/cameras/${faces}/start`).set(bearer(owner.token)).expect(202);
    expect(started.body.status).toBe('starting');
    await t.http().post(`/api/cameras/${empty}/start`).set(bearer(owner.token)).expect(202);
    await running;
    const got = await alert;
    expect(got.meta).toMatchObject({ faces: 1, frameWidth: 640, frameHeight: 360, trackId: expect.any(Number) });
    expect((got.meta as { score: number }).score).toBeGreaterThanOrEqual(0.6);
    const image = await t.http().get(got.snapshotUrl).expect(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const other = await t.user('operator');
    await t.http().get(got.snapshotUrl.replace(owner.id, other.id)).expect(404);
    // Keep the face-free camera under observation until it has been examined many times.
    while (emptyFrames < 30) await new Promise((r) => setTimeout(r, 500));
    expect(emptyBoxes).toBe(0);
    const list = await t.http().get(`/api/alerts?cameraId=${empty}`).set(bearer(owner.token)).expect(200);
    expect(list.body.total).toBe(0);
    const faceAlerts = await t.http().get(`/api/alerts?cameraId=${faces}`).set(bearer(owner.token)).expect(200);
    expect(faceAlerts.body.total).toBe(1); // one lingering face, one alert (cooldown 60 s)
    for (const id of [faces, empty]) {
      const stopped = await t.http().post(`/api/cameras/${id}/stop`).set(bearer(owner.token)).expect(202);
      expect(stopped.body.status).toBe('stopped');
    }
    await new Promise((r) => setTimeout(r, 3000));
    expect(ownFfmpegChildren()).toEqual([]);
  });

  it('reports the error and recovers when the camera comes back', async () => {
    const flaky = await addCamera('Flaky', 'flaky');
    const running = nextEvent<StateEvent>(socket, 'camera_state', (e) => e.cameraId === flaky && e.status === 'running', 60_000);
    await t.http().post(`/api/cameras/${flaky}/start`).set(bearer(owner.token)).expect(202);
    await running;
    const failed = nextEvent<StateEvent>(socket, 'camera_state', (e) => e.cameraId === flaky && e.status === 'error', 60_000);
    sim.down('flaky', 10_000);
    const error = await failed;
    expect(error.error).toMatch(/reconnecting in/);
    expect(error.error).not.toMatch(/rtsp:\/\/[^ ]*:[^*]/);
    await nextEvent<StateEvent>(socket, 'camera_state', (e) => e.cameraId === flaky && e.status === 'running', 90_000);
    await t.http().post(`/api/cameras/${flaky}/stop`).set(bearer(owner.token)).expect(202);
  });

  it('runs four cameras at once', async () => {
    const ids = await Promise.all(['A', 'B', 'C', 'D'].map((n, i) => addCamera(`Cam ${n}`, i === 3 ? 'empty' : 'faces')));
    const allRunning = Promise.all(ids.map((id) => nextEvent<StateEvent>(socket, 'camera_state', (e) => e.cameraId === id && e.status === 'running', 90_000)));
    // Listening before the start: a face camera can alert within a second, before the last camera runs.
    const alerting = Promise.all(ids.slice(0, 3).map((id) => nextEvent<{ cameraId: string }>(socket, 'alert', (a) => a.cameraId === id, 90_000)));
    for (const id of ids) await t.http().post(`/api/cameras/${id}/start`).set(bearer(owner.token)).expect(202);
    await allRunning;
    const alerts = await alerting;
    expect(alerts.map((a) => a.cameraId).sort()).toEqual(ids.slice(0, 3).sort());
    for (const id of ids) await t.http().post(`/api/cameras/${id}/stop`).set(bearer(owner.token)).expect(202);
    await new Promise((r) => setTimeout(r, 3000));
    expect(ownFfmpegChildren()).toEqual([]);
  });

  it('refuses to start a disabled camera and hides cameras from other operators', async () => {
    const id = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ rtspUrl: sim.url('faces'), enabled: false })).expect(201)).body.id;
    const res = await t.http().post(`/api/cameras/${id}/start`).set(bearer(owner.token)).expect(409);
    expect(res.body.message).toMatch(/disabled/);
    const stranger = await t.user('operator');
    await t.http().post(`/api/cameras/${id}/start`).set(bearer(stranger.token)).expect(404);
    await t.http().post(`/api/cameras/${id}/stop`).set(bearer(stranger.token)).expect(404);
  });
});
