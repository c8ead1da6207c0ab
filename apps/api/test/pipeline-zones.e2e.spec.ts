import type { Socket } from 'socket.io-client';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { connectSocket, eventually, handshake } from './support/sockets';

// Real pipeline (simulator → ffmpeg → detection pool) on the faces clip, whose face moves over
// the picture: a mask over it silences the camera, and zones decide which faces alert and name
// themselves in the alert. Zones change on the running camera, which never restarts.
jest.setTimeout(180_000);

interface Detections {
  cameraId: string;
  boxes: unknown[];
}

interface AlertEvent {
  cameraId: string;
  alertId: string;
  kind: string;
  zones: string[];
}

const WHOLE_FRAME: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];
/** A corner the clip's face never reaches. */
const CORNER: [number, number][] = [
  [0, 0],
  [0.03, 0],
  [0, 0.03],
];

describe('masks and zones in the camera pipeline', () => {
  let sim: CameraSimulator;
  let t: TestApp;
  let socket: Socket;

  beforeAll(async () => {
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { faces: { clip: clips.faces } } });
    t = await startTestApp({ DETECTION_THREADS: '1', RECOGNITION: 'off', ALERT_COOLDOWN_S: '60' });
    socket = connectSocket(t.url, { token: t.adminToken });
    if (!(await handshake(socket))) throw new Error('socket refused');
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  it('drops a masked face entirely, shows it outside zones without alerting, and alerts inside a zone that it names', async () => {
    const auth = bearer(t.adminToken);
    const body = cameraBody({ name: 'Porch', rtspUrl: sim.url('faces'), zones: [{ name: 'Poster', kind: 'mask', points: WHOLE_FRAME }] });
    const id = (await t.http().post('/api/cameras').set(auth).send(body).expect(201)).body.id as string;
    await socket.emitWithAck('subscribe', { cameraIds: [id] });
    const detections: Detections[] = [];
    const alerts: AlertEvent[] = [];
    const statuses: string[] = [];
    socket.on('detections', (d: Detections) => d.cameraId === id && detections.push(d));
    socket.on('alert', (a: AlertEvent) => a.cameraId === id && alerts.push(a));
    socket.on('camera_state', (s: { cameraId: string; status: string }) => s.cameraId === id && statuses.push(s.status));
    await t.http().post(`/api/cameras/${id}/start`).set(auth).expect(202);

    // 1. Masked: frames are examined (the motion gate still lets one through every 2 s), nothing is shown or alerted.
    expect(await eventually(() => detections.length >= 5, 90_000)).toBe(true);
    expect(detections.flatMap((d) => d.boxes)).toEqual([]);
    expect(alerts).toEqual([]);

    // 2. No mask, a zone the face never enters: the face is shown but does not alert.
    await t.http().put(`/api/cameras/${id}/zones`).set(auth).send({ zones: [{ name: 'Corner', kind: 'zone', points: CORNER }] }).expect(200);
    const firstBox = () => detections.findIndex((d) => d.boxes.length > 0);
    expect(await eventually(() => firstBox() >= 0 && detections.slice(firstBox()).filter((d) => d.boxes.length > 0).length >= 10, 60_000)).toBe(true);
    expect(alerts).toEqual([]);

    // 3. A zone around the face: the face alerts, and the alert names that zone only.
    const zones = [
      { name: 'Corner', kind: 'zone', points: CORNER },
      { name: 'Doorstep', kind: 'zone', points: WHOLE_FRAME },
    ];
    await t.http().put(`/api/cameras/${id}/zones`).set(auth).send({ zones }).expect(200);
    expect(await eventually(() => alerts.length > 0, 60_000)).toBe(true);
    expect(alerts[0]).toMatchObject({ kind: 'face', zones: ['Doorstep'] });
    const stored = await t.http().get(`/api/alerts/${alerts[0].alertId}`).set(auth).expect(200);
    expect(stored.body).toMatchObject({ kind: 'face', zones: ['Doorstep'] });
    // Zones were applied live: the camera started once and never restarted.
    expect(statuses.filter((s) => s === 'starting')).toHaveLength(1);
    expect(statuses).not.toContain('error');
    await t.http().post(`/api/cameras/${id}/stop`).set(auth).expect(202);
  });
});
