import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { ensureClips, ffmpegFromEnvironment, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { startFfmpeg } from '@argus/tools/camera-sim/ffmpeg-runner.testing';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

// A 1280×720 camera: detection works on frames scaled to 640 px wide, but the alert speaks in the
// camera's own pixels, while the viewers' detections keep the processed frame's.
jest.setTimeout(180_000);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The simulator's faces clip scaled up to 1280×720 (made once, beside the other test clips). */
async function hdFacesClip(): Promise<string> {
  const clips = await ensureClips(TEST_CLIPS_DIR);
  const file = join(TEST_CLIPS_DIR, 'faces-1280x720.h264');
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.partial`;
  const args = ['-y', '-f', 'h264', '-i', clips.faces, '-vf', 'scale=1280:720', '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast',
    '-bf', '0', '-g', '10', '-f', 'h264', partial];
  const run = await startFfmpeg(ffmpegFromEnvironment(), args, 120_000).done;
  if (run.code !== 0) throw new Error(`could not scale the clip: ${run.stderr}`);
  renameSync(partial, file);
  return file;
}

describe('alerts of a camera larger than the processed frame', () => {
  let sim: CameraSimulator;
  let t: TestApp;
  let socket: Socket;

  beforeAll(async () => {
    sim = await startCameraSimulator({ paths: { hd: { clip: await hdFacesClip() } } });
    t = await startTestApp({ DETECTION_THREADS: '1', RECOGNITION: 'off' });
    socket = io(t.url, { path: '/ws', transports: ['websocket'], auth: { token: t.adminToken }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  it("gives the alert's box and frame size in the camera's pixels, the detections in the processed frame's", async () => {
    const auth = bearer(t.adminToken);
    const id = (await t.http().post('/api/cameras').set(auth).send(cameraBody({ name: 'HD', rtspUrl: sim.url('hd') })).expect(201)).body.id as string;
    await socket.emitWithAck('subscribe', { cameraIds: [id] });
    const detections: Array<{ ts: string; frameWidth: number; frameHeight: number; boxes: Box[] }> = [];
    socket.on('detections', (d: { cameraId: string; ts: string; frameWidth: number; frameHeight: number; boxes: Box[] }) => d.cameraId === id && detections.push(d));
    const alert = new Promise<{ timestamp: string; bbox: Box; meta: { frameWidth: number; frameHeight: number } }>((resolve) =>
      socket.on('alert', (a: { cameraId: string; timestamp: string; bbox: Box; meta: { frameWidth: number; frameHeight: number } }) => a.cameraId === id && resolve(a)),
    );
    await t.http().post(`/api/cameras/${id}/start`).set(auth).expect(202);
    const raised = await alert;
    await t.http().post(`/api/cameras/${id}/stop`).set(auth).expect(202);

    expect(raised.meta).toMatchObject({ frameWidth: 1280, frameHeight: 720 });
    const withFace = detections.filter((d) => d.boxes.length > 0);
    expect(withFace.length).toBeGreaterThan(0);
    expect(withFace[0]).toMatchObject({ frameWidth: 640, frameHeight: 360 });
    // The camera's pixels are twice the processed frame's: the alert's box is the box the detections
    // of that same frame reported (same capture time), doubled.
    const same = withFace.find((d) => d.ts === raised.timestamp);
    expect(same).toBeDefined();
    const box = (same as { boxes: Box[] }).boxes.reduce((a, b) => (b.height > a.height ? b : a));
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(raised.bbox[key] - 2 * box[key])).toBeLessThanOrEqual(Math.max(4, 0.1 * 2 * box[key]));
    expect(raised.bbox.x + raised.bbox.width).toBeLessThanOrEqual(1280);
    expect(raised.bbox.y + raised.bbox.height).toBeLessThanOrEqual(720);
    // Its snapshot is the processed frame, with the box drawn.
    const snapshot = await t.http().get((await t.http().get(`/api/alerts?cameraId=${id}`).set(auth).expect(200)).body.items[0].snapshotUrl).set(auth).expect(200);
    expect(snapshot.headers['content-type']).toBe('image/jpeg');
  });
});
