import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { decodeWithFfmpeg } from '@argus/tools/testing/media/decode-check';
import { binaryParser, RECORDING_CAP } from './support/recording-feed';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { eventually, nextEvent } from './support/sockets';

// Real pipeline: simulator (RTSP) → ffmpeg feed → live view and recorder (H.264 copied) → files.
jest.setTimeout(240_000);

interface Span {
  start: string;
  end: string;
  bytes: number;
}


describe('recording a simulated camera', () => {
  let t: TestApp;
  let sim: CameraSimulator;
  let socket: Socket;
  let owner: { id: string; token: string };

  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { faces: { clip: clips.faces }, flaky: { clip: clips.empty } } });
    t = await startTestApp({ ...RECORDING_CAP, DETECTION_THREADS: '1', ALERT_COOLDOWN_S: '600' });
    owner = await t.user('operator');
    socket = io(t.url, { path: '/ws', transports: ['websocket'], auth: { token: owner.token }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  const addCamera = async (name: string, path: string, recording: object, detectionEnabled = true) => {
    const id = (await t.http().post('/api/cameras').set(bearer(owner.token)).send(cameraBody({ name, rtspUrl: sim.url(path), detectionEnabled })).expect(201)).body.id as string;
    await t.http().patch(`/api/cameras/${id}/recording`).set(bearer(owner.token)).send(recording).expect(200);
    return id;
  };
  const spans = async (id: string): Promise<Span[]> => (await t.http().get(`/api/cameras/${id}/recordings`).set(bearer(owner.token)).expect(200)).body.items;
  const seconds = (span: Span) => (Date.parse(span.end) - Date.parse(span.start)) / 1000;

  it('records the camera’s own H.264 continuously and exports it; an alert gets its clip', async () => {
    const id = await addCamera('Faces', 'faces', { mode: 'continuous', preSeconds: 2, postSeconds: 3 });
    const alert = nextEvent<{ alertId: string; cameraId: string }>(socket, 'alert', (a) => a.cameraId === id, 120_000);
    await t.http().post(`/api/cameras/${id}/start`).set(bearer(owner.token)).expect(202);
    const raised = await alert;
    expect(await eventually(async () => (await spans(id)).some((s) => seconds(s) >= 10), 60_000)).toBe(true);
    const [span] = await spans(id);
    const res = await t.http().get(`/api/cameras/${id}/recordings/video?from=${span.start}&to=${span.end}`).set(bearer(owner.token)).buffer(true).parse(binaryParser).expect(200);
    const file = join(t.config.dataDir, 'recorded.mp4');
    writeFileSync(file, res.body as Buffer);
    const frames = (await decodeWithFfmpeg(anyFfmpeg(), file)).frames;
    expect(Math.abs(frames - seconds(span) * 15)).toBeLessThanOrEqual(15); // the simulator's 15 fps, frame for frame (within a second of arrival jitter)
    // The face stays in view, so the event goes on: stopping the camera ends the clip, which is then stored.
    const updated = nextEvent<{ alertId: string; clipUrl?: string }>(socket, 'alert_updated', (a) => a.alertId === raised.alertId && !!a.clipUrl, 60_000);
    await t.http().post(`/api/cameras/${id}/stop`).set(bearer(owner.token)).expect(202);
    const { clipUrl } = await updated;
    const clip = await t.http().get(clipUrl as string).buffer(true).parse(binaryParser).expect(200);
    writeFileSync(join(t.config.dataDir, 'clip.mp4'), clip.body as Buffer);
    expect((await decodeWithFfmpeg(anyFfmpeg(), join(t.config.dataDir, 'clip.mp4'))).frames).toBeGreaterThan(30);
    const day = join(t.config.recordings.dir, id);
    expect(readdirSync(day).flatMap((d) => readdirSync(join(day, d))).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('ends the segment under way cleanly when the camera drops, and records again after it reconnects', async () => {
    const id = await addCamera('Flaky', 'flaky', { mode: 'continuous' }, false);
    const running = nextEvent<{ cameraId: string; status: string }>(socket, 'camera_state', (e) => e.cameraId === id && e.status === 'running', 60_000);
    await t.http().post(`/api/cameras/${id}/start`).set(bearer(owner.token)).expect(202);
    await running;
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const failed = nextEvent<{ cameraId: string; status: string }>(socket, 'camera_state', (e) => e.cameraId === id && e.status === 'error', 60_000);
    sim.down('flaky', 8000);
    await failed;
    // The segment under way is closed (written out, synced, renamed) moments after the drop.
    const day = join(t.config.recordings.dir, id);
    const parts = () => readdirSync(day).flatMap((d) => readdirSync(join(day, d))).filter((f) => f.endsWith('.part'));
    expect(await eventually(() => parts().length === 0, 5000)).toBe(true);
    const before = await spans(id);
    expect(before).toHaveLength(1);
    expect(seconds(before[0])).toBeGreaterThan(5);
    await nextEvent(socket, 'camera_state', (e: { cameraId: string; status: string }) => e.cameraId === id && e.status === 'running', 90_000);
    expect(await eventually(async () => (await spans(id)).length === 2, 30_000)).toBe(true);
    await t.http().post(`/api/cameras/${id}/stop`).set(bearer(owner.token)).expect(202);
  });
});
