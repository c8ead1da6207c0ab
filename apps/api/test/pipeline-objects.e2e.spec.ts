import type { Socket } from 'socket.io-client';
import { startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';
import { carInClip, CAR_CLIP, ensureCarClip, iou, objectPhotosAvailable, OBJECTS_DIR } from './pipeline-objects-clip';
import { connectSocket, eventually, handshake } from './support/sockets';

// Real pipeline (simulator → ffmpeg → detection pool with the object model) on a clip made from a
// COCO photo of a parked car: the camera that asks for cars alerts on it, one that asks for dogs
// does not (until it asks for cars too, live), and one whose mask covers the car never shows it.
jest.setTimeout(300_000);

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

interface ObjectEvent {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}
interface Detections {
  cameraId: string;
  frameWidth: number;
  frameHeight: number;
  objects: ObjectEvent[];
}
interface AlertEvent {
  alertId: string;
  cameraId: string;
  kind: string;
  label?: string;
  zones: string[];
  bbox: { x: number; y: number; width: number; height: number };
  snapshotUrl?: string;
  meta: Record<string, unknown>;
}

/** A polygon (fractions of the frame) over the car of the clip, with a margin. */
function maskOverCar(): [number, number][] {
  const car = carInClip();
  const x0 = Math.max(0, (car.x - 20) / CAR_CLIP.width);
  const x1 = Math.min(1, (car.x + car.width + 20) / CAR_CLIP.width);
  const y0 = Math.max(0, (car.y - 30) / CAR_CLIP.height);
  const y1 = Math.min(1, (car.y + car.height + 30) / CAR_CLIP.height);
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

const available = objectPhotosAvailable();
const test = available ? it : it.skip;

describe(`object alerts in the camera pipeline${available ? '' : ` (skipped: no object photos in ${OBJECTS_DIR})`}`, () => {
  let sim: CameraSimulator;
  let t: TestApp;
  let socket: Socket;

  beforeAll(async () => {
    if (!available) return;
    sim = await startCameraSimulator({ paths: { street: { clip: await ensureCarClip(TEST_CLIPS_DIR) } } });
    t = await startTestApp({ DETECTION_THREADS: '1', RECOGNITION: 'off', ALERT_COOLDOWN_S: '600', OBJECT_FPS: '2', METRICS_TOKEN });
    socket = connectSocket(t.url, { token: t.adminToken });
    if (!(await handshake(socket))) throw new Error('socket refused');
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await sim?.stop();
  });

  /** Object frames the camera's detector handled so far (from /metrics). */
  async function objectFrames(cameraId: string): Promise<number> {
    const text = (await t.http().get('/metrics').set(bearer(METRICS_TOKEN)).expect(200)).text;
    const series = `argus_camera_object_frames_processed_total{camera="${cameraId}"} `;
    const line = text.split('\n').find((l) => l.startsWith(series));
    return line ? Number(line.slice(series.length)) : 0;
  }

  test('alerts on a car for the camera that asks for cars, not for one that asks for dogs, never through a mask', async () => {
    const auth = bearer(t.adminToken);
    const create = async (name: string, labels: string[], zones: unknown[] = []) => {
      const id = (await t.http().post('/api/cameras').set(auth).send(cameraBody({ name, rtspUrl: sim.url('street'), zones })).expect(201)).body.id as string;
      await t.http().patch(`/api/cameras/${id}/objects`).set(auth).send({ labels }).expect(200);
      return id;
    };
    const driveway = await create('Driveway', ['car']);
    const porch = await create('Porch', ['dog']);
    const masked = await create('Street', ['car'], [{ name: 'Parked cars', kind: 'mask', points: maskOverCar() }]);
    const ids = [driveway, porch, masked];
    await socket.emitWithAck('subscribe', { cameraIds: ids });
    const detections = new Map<string, Detections[]>(ids.map((id) => [id, []]));
    const alerts: AlertEvent[] = [];
    const starts: string[] = [];
    socket.on('detections', (d: Detections) => detections.get(d.cameraId)?.push(d));
    socket.on('alert', (a: AlertEvent) => ids.includes(a.cameraId) && alerts.push(a));
    socket.on('camera_state', (s: { cameraId: string; status: string }) => s.status === 'starting' && starts.push(s.cameraId));
    for (const id of ids) await t.http().post(`/api/cameras/${id}/start`).set(auth).expect(202);

    // 1. The camera that asks for cars: one object alert, on the car.
    expect(await eventually(() => alerts.some((a) => a.cameraId === driveway), 180_000)).toBe(true);
    const alert = alerts.find((a) => a.cameraId === driveway) as AlertEvent;
    expect(alert).toMatchObject({ kind: 'object', label: 'car', zones: [], meta: { frameWidth: CAR_CLIP.width, frameHeight: CAR_CLIP.height, faces: 0 } });
    expect(alert.meta['score']).toEqual(expect.any(Number));
    expect(iou(alert.bbox, carInClip())).toBeGreaterThan(0.5);
    const stored = await t.http().get(`/api/alerts/${alert.alertId}`).set(auth).expect(200);
    expect(stored.body).toMatchObject({ kind: 'object', label: 'car' });
    const snapshot = await t.http().get(stored.body.snapshotUrl as string).expect(200);
    expect(snapshot.headers['content-type']).toBe('image/jpeg');
    // Its detections events carry the car, in the processed frame's pixels, like the face boxes. They
    // come with face results, which take turns with the object frames: the first one after the car's
    // object result may still be on its way when the alert is in.
    const carsShown = () => (detections.get(driveway) ?? []).flatMap((d) => d.objects.filter((o) => o.label === 'car'));
    expect(await eventually(() => carsShown().length > 0, 30_000)).toBe(true);
    const cars = carsShown();
    expect(Math.max(...cars.map((c) => iou(c, carInClip())))).toBeGreaterThan(0.5);

    // 2. The others ran the object model on as many frames, and stayed quiet.
    expect(await eventually(async () => (await objectFrames(porch)) >= 8 && (await objectFrames(masked)) >= 8, 90_000)).toBe(true);
    expect(alerts.filter((a) => a.cameraId !== driveway)).toEqual([]);
    expect((detections.get(porch) ?? []).flatMap((d) => d.objects)).toEqual([]); // no dog in the picture
    // Under the mask: the car is never shown, nor alerted.
    expect((detections.get(masked) ?? []).flatMap((d) => d.objects).filter((o) => o.label === 'car')).toEqual([]);
    expect((detections.get(masked) ?? []).length).toBeGreaterThan(0);

    // 3. Porch asks for cars too, live: it alerts without a restart.
    await t.http().patch(`/api/cameras/${porch}/objects`).set(auth).send({ labels: ['dog', 'car'] }).expect(200);
    expect(await eventually(() => alerts.some((a) => a.cameraId === porch), 90_000)).toBe(true);
    expect(alerts.find((a) => a.cameraId === porch)).toMatchObject({ kind: 'object', label: 'car' });
    expect(starts.filter((id) => id === porch)).toHaveLength(1);
    expect(alerts.filter((a) => a.cameraId === masked)).toEqual([]);
    expect(alerts.filter((a) => a.cameraId === driveway)).toHaveLength(1); // one parked car, one alert
    for (const id of ids) await t.http().post(`/api/cameras/${id}/stop`).set(auth).expect(202);
  });
});
