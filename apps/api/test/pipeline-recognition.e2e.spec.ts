import { io, type Socket } from 'socket.io-client';
import { ensureClips, ffmpegFromEnvironment, startCameraSimulator, type CameraSimulator, type SimulatorClips } from '@argus/tools/camera-sim';
import { startFfmpeg } from '@argus/tools/camera-sim/ffmpeg-runner.testing';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { nextEvent } from './support/sockets';

// The product's own recognition (face-api's descriptor on the detection pool) on a simulated camera:
// nothing is stubbed. The simulator's faces clip shows one person, moving and zooming.
jest.setTimeout(300_000);

interface AlertEvent {
  alertId: string;
  cameraId: string;
  person: { id: string; name: string; similarity: number } | null;
  unknownId?: string | null;
}

/** One frame of the clip, `seconds` in, as a PNG: what a user would save from the camera and enrol. */
async function frameOf(clip: string, seconds: number): Promise<Buffer> {
  const run = await startFfmpeg(ffmpegFromEnvironment(), ['-f', 'h264', '-i', clip, '-ss', String(seconds), '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-']).done;
  if (run.code !== 0 || run.stdout.length === 0) throw new Error(`could not take a frame of ${clip}: ${run.stderr}`);
  return run.stdout;
}

describe('recognition on a simulated camera, with the real model', () => {
  let clips: SimulatorClips;
  let sim: CameraSimulator;
  let t: TestApp;
  let socket: Socket;
  let auth: Record<string, string>;

  beforeAll(async () => {
    clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { hall: { clip: clips.faces }, yard: { clip: clips.faces }, door: { clip: clips.faces } } });
    // Identity cooldown 0: every camera's first sighting alerts, so each camera's identity can be read.
    t = await startTestApp({ DETECTION_THREADS: '2', ALERT_COOLDOWN_S: '600', IDENTITY_COOLDOWN_S: '0' });
    const operator = await t.user('operator');
    auth = bearer(operator.token);
    socket = io(t.url, { path: '/ws', transports: ['websocket'], auth: { token: operator.token }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  async function watch(name: string, path: string): Promise<AlertEvent> {
    const id = (await t.http().post('/api/cameras').set(auth).send(cameraBody({ name, rtspUrl: sim.url(path) })).expect(201)).body.id as string;
    const alert = nextEvent<AlertEvent>(socket, 'alert', (a) => a.cameraId === id, 150_000);
    await t.http().post(`/api/cameras/${id}/start`).set(auth).expect(202);
    try {
      return await alert;
    } finally {
      await t.http().post(`/api/cameras/${id}/stop`).set(auth).expect(202);
    }
  }

  it('gives the same stranger one unknownId on two cameras', async () => {
    const hall = await watch('Hall', 'hall');
    expect(hall.person).toBeNull();
    expect(hall.unknownId).toEqual(expect.any(String));

    const yard = await watch('Yard', 'yard');
    expect(yard.person).toBeNull();
    expect(yard.unknownId).toBe(hall.unknownId);

    const groups = (await t.http().get('/api/unknowns').set(auth).expect(200)).body.items as Array<{ id: string; cameraIds: string[] }>;
    expect(groups.map((g) => g.id)).toEqual([hall.unknownId]);
    expect(groups[0].cameraIds).toHaveLength(2);
  });

  it("names a person enrolled from a frame of the clip in that camera's alert", async () => {
    const person = (await t.http().post('/api/people').set(auth).send({ name: 'Eileen', alert: true }).expect(201)).body as { id: string };
    const enrolled = await t.http().post(`/api/people/${person.id}/faces`).set(auth).set('Content-Type', 'image/png').send(await frameOf(clips.faces, 2));
    expect({ status: enrolled.status, body: enrolled.body }).toMatchObject({ status: 201, body: { personId: person.id } });

    const door = await watch('Door', 'door');
    expect(door.person).toEqual({ id: person.id, name: 'Eileen', similarity: expect.any(Number) });
    expect(door.unknownId ?? null).toBeNull();
    const listed = (await t.http().get(`/api/alerts?personId=${person.id}`).set(auth).expect(200)).body.items as AlertEvent[];
    expect(listed.map((a) => a.alertId)).toEqual([door.alertId]);
  });
});
