import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { parseSps } from '@argus/adapters/media/h264';
import { ensureClips, ffmpegFromEnvironment, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { startFfmpeg } from '@argus/tools/camera-sim/ffmpeg-runner.testing';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { WhepTestClient } from '@argus/tools/testing/media/whep-test-client';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

// A camera with a detection stream: a 1280×720 main stream in which nothing has a face, and a
// 640×360 detection stream of the same scene with a face. An alert can then only come from
// decoding the detection stream, while its box and frame size must be the main stream's, and the
// live view must show the main stream.
jest.setTimeout(180_000);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface AlertEvent {
  cameraId: string;
  timestamp: string;
  bbox: Box;
  meta: { frameWidth: number; frameHeight: number };
}
interface DetectionsEvent {
  cameraId: string;
  ts: string;
  frameWidth: number;
  frameHeight: number;
  boxes: Box[];
}
interface StateEvent {
  cameraId: string;
  status: string;
  error?: string;
}

/** The simulator's faceless clip scaled up to 1280×720 (made once, beside the other test clips). */
async function hdEmptyClip(): Promise<string> {
  const clips = await ensureClips(TEST_CLIPS_DIR);
  const file = join(TEST_CLIPS_DIR, 'empty-1280x720.h264');
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.partial`;
  const args = ['-y', '-f', 'h264', '-i', clips.empty, '-vf', 'scale=1280:720', '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast',
    '-bf', '0', '-g', '15', '-f', 'h264', partial];
  const run = await startFfmpeg(ffmpegFromEnvironment(), args, 120_000).done;
  if (run.code !== 0) throw new Error(`could not scale the clip: ${run.stderr}`);
  renameSync(partial, file);
  return file;
}

describe('a camera with a detection stream', () => {
  let sim: CameraSimulator;
  let t: TestApp;
  let socket: Socket;
  const clients: WhepTestClient[] = [];
  const auth = () => bearer(t.adminToken);

  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({
      paths: { main: { clip: await hdEmptyClip() }, small: { clip: clips.faces }, broken: { clip: clips.faces, fault: { refuse: true } } },
      auth: { username: 'cam', password: 's3cret', scheme: 'any' },
    });
    t = await startTestApp({ DETECTION_THREADS: '1', RECOGNITION: 'off' });
    socket = io(t.url, { path: '/ws', transports: ['websocket'], auth: { token: t.adminToken }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    socket.removeAllListeners('alert').removeAllListeners('detections').removeAllListeners('camera_state');
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  const credentials = { username: 'cam', password: 's3cret' };

  async function addCamera(name: string, detectPath: string): Promise<string> {
    const body = cameraBody({ name, rtspUrl: sim.url('main', credentials), detectRtspUrl: sim.url(detectPath, credentials) });
    const created = await t.http().post('/api/cameras').set(auth()).send(body).expect(201);
    const masked = sim.url(detectPath, { username: 'cam', password: '***' });
    expect(created.body.detectRtspUrl).toBe(masked);
    await socket.emitWithAck('subscribe', { cameraIds: [created.body.id] });
    return created.body.id as string;
  }

  /** A WHEP viewer of the camera; resolves with the size its first keyframe's SPS gives. */
  async function livePictureSize(id: string): Promise<{ width: number; height: number }> {
    // Live once the main stream said what it sends (the detection stream plays no part in it).
    let live = 0;
    await until(() => live === 200, 'the live view', 15_000, async () => {
      live = (await t.http().get(`/api/cameras/${id}/live`).set(auth())).status;
    });
    const client = new WhepTestClient();
    clients.push(client);
    const answer = await t.http().post(`/api/cameras/${id}/whep`).set(auth()).set('Content-Type', 'application/sdp').send(await client.offer()).expect(201);
    await client.accept(answer.text);
    const [first] = await client.waitForUnits(3, 15_000);
    const sps = first.nals.find((nal) => (nal[0] & 0x1f) === 7);
    if (!sps) throw new Error('the first unit has no SPS');
    const { width, height } = parseSps(sps);
    return { width, height };
  }

  it("detects on the detection stream; alerts and the live view are the main stream's", async () => {
    const id = await addCamera('Two streams', 'small');
    const detections: DetectionsEvent[] = [];
    socket.on('detections', (d: DetectionsEvent) => d.cameraId === id && detections.push(d));
    const alert = new Promise<AlertEvent>((resolve) => socket.on('alert', (a: AlertEvent) => a.cameraId === id && resolve(a)));
    await t.http().post(`/api/cameras/${id}/start`).set(auth()).expect(202);
    const raised = await alert;

    // The main stream has no face: the alert came from the detection stream's frames.
    expect(raised.meta).toMatchObject({ frameWidth: 1280, frameHeight: 720 });
    const same = detections.find((d) => d.ts === raised.timestamp && d.boxes.length > 0);
    expect(same).toMatchObject({ frameWidth: 640, frameHeight: 360 });
    const box = (same as DetectionsEvent).boxes.reduce((a, b) => (b.height > a.height ? b : a));
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(raised.bbox[key] - 2 * box[key])).toBeLessThanOrEqual(Math.max(4, 0.1 * 2 * box[key]));
    const camera = (await t.http().get(`/api/cameras/${id}`).set(auth()).expect(200)).body;
    expect(camera).toMatchObject({ status: 'running' });
    expect(sim.stats().paths['main'].playing).toBe(1);
    expect(sim.stats().paths['small'].playing).toBe(1);

    // Live view: the main stream's picture, passed through.
    expect(await livePictureSize(id)).toEqual({ width: 1280, height: 720 });

    // Its snapshot is the detected (detection stream's) frame.
    const listed = (await t.http().get(`/api/alerts?cameraId=${id}`).set(auth()).expect(200)).body.items[0];
    const snapshot = await t.http().get(listed.snapshotUrl).set(auth()).expect(200);
    expect(snapshot.headers['content-type']).toBe('image/jpeg');
    expect(jpegSize(snapshot.body as Buffer)).toEqual({ width: 640, height: 360 });

    // Detection off: the detection stream is let go, the main one stays.
    await t.http().patch(`/api/cameras/${id}/detection`).set(auth()).send({ enabled: false }).expect(200);
    await until(() => sim.stats().paths['small'].playing === 0, 'the detection stream to be let go');
    expect(sim.stats().paths['main'].playing).toBe(1);
    await t.http().post(`/api/cameras/${id}/stop`).set(auth()).expect(202);
    await t.http().delete(`/api/cameras/${id}`).set(auth()).expect(204);
  });

  it('reports a failing detection stream in the camera status; the live view goes on', async () => {
    const id = await addCamera('Broken detection stream', 'broken');
    const failed = new Promise<StateEvent>((resolve) => socket.on('camera_state', (e: StateEvent) => e.cameraId === id && e.status === 'error' && resolve(e)));
    await t.http().post(`/api/cameras/${id}/start`).set(auth()).expect(202);
    const state = await failed;
    expect(state.error).toMatch(/^detection stream: .+; reconnecting in \d+ s$/);
    expect(state.error).not.toContain('s3cret');
    const camera = (await t.http().get(`/api/cameras/${id}`).set(auth()).expect(200)).body;
    expect(camera).toMatchObject({ status: 'error', error: expect.stringMatching(/^detection stream: /) });
    expect(await livePictureSize(id)).toEqual({ width: 1280, height: 720 });
    await t.http().post(`/api/cameras/${id}/stop`).set(auth()).expect(202);
    await t.http().delete(`/api/cameras/${id}`).set(auth()).expect(204);
  });
});

async function until(done: () => boolean, what: string, timeoutMs = 15_000, poll?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await poll?.();
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await poll?.();
  }
}

/** Width and height from a JPEG's SOF marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let i = 2;
  while (i + 9 < jpeg.length) {
    const marker = jpeg[i + 1];
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}
