import { io, type Socket } from 'socket.io-client';
import type { AnalysedFace, AnalyseOptions, BoundingBox, FaceAnalyser, Frame } from '@argus/domain';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { RED, portrait } from './support/colour-faces';
import { nextEvent } from './support/sockets';

// Real pipeline (simulator → ffmpeg → detection pool → alert policy) with the identity step on.
jest.setTimeout(180_000);

/**
 * Test stand-in for the analyser, never used by the product: every face it is asked about is the
 * same person (one embedding), so what is checked is the pipeline's wiring, not recognition quality.
 * A photo without regions has one face in its middle.
 */
class OnePersonAnalyser implements FaceAnalyser {
  readonly model = 'one-person@1';
  readonly calls: Array<{ regions?: BoundingBox[] }> = [];

  async analyse(frame: Frame, options: AnalyseOptions = {}): Promise<AnalysedFace[]> {
    this.calls.push({ regions: options.regions });
    const boxes = options.regions ?? [{ x: frame.width * 0.3, y: frame.height * 0.2, width: frame.width * 0.4, height: frame.height * 0.6 }];
    return boxes.map((box) => ({
      box: { ...box },
      score: 0.99,
      quality: { size: box.width, sharpness: 100, yaw: 0, score: 0.9 },
      embedding: { model: this.model, vector: [0.6, 0.8, 0] },
    }));
  }
}

interface AlertEvent {
  alertId: string;
  cameraId: string;
  person?: { id: string; name: string; similarity: number } | null;
  unknownId?: string | null;
}


describe('camera pipeline naming the faces of its alerts', () => {
  const analyser = new OnePersonAnalyser();
  let t: TestApp;
  let sim: CameraSimulator;
  let socket: Socket;
  let operator: { id: string; token: string };

  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { faces: { clip: clips.faces } } });
    t = await startTestApp({ DETECTION_THREADS: '1', ALERT_COOLDOWN_S: '60' }, { faceAnalyser: analyser });
    operator = await t.user('operator');
    socket = io(t.url, { path: '/ws', transports: ['websocket'], auth: { token: operator.token }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  it("names an enrolled, watched person in the camera's alert", async () => {
    const auth = bearer(operator.token);
    const person = (await t.http().post('/api/people').set(auth).send({ name: 'Wendy', alert: true }).expect(201)).body as { id: string };
    await t.http().post(`/api/people/${person.id}/faces`).set(auth).set('Content-Type', 'image/png').send(await portrait(RED)).expect(201);
    const cameraId = (await t.http().post('/api/cameras').set(auth).send(cameraBody({ name: 'Door', rtspUrl: sim.url('faces') })).expect(201)).body.id as string;

    const alert = nextEvent<AlertEvent>(socket, 'alert', (a) => a.cameraId === cameraId, 90_000);
    await t.http().post(`/api/cameras/${cameraId}/start`).set(auth).expect(202);
    const raised = await alert;
    expect(raised.person).toEqual({ id: person.id, name: 'Wendy', similarity: expect.closeTo(1, 3) });
    expect(raised.unknownId).toBeNull();

    const listed = await t.http().get(`/api/alerts?personId=${person.id}`).set(auth).expect(200);
    expect(listed.body.items.map((a: AlertEvent) => a.alertId)).toEqual([raised.alertId]);
    // The camera's frames are analysed in the face's box only, a few times per face track.
    const pipelineCalls = analyser.calls.filter((c) => c.regions);
    expect(pipelineCalls.length).toBeGreaterThan(0);
    expect(pipelineCalls.every((c) => c.regions?.length === 1)).toBe(true);
    await t.http().post(`/api/cameras/${cameraId}/stop`).set(auth).expect(202);
  });
});
