import { join } from 'node:path';
import { CameraRuntime } from '@argus/domain';
import { detectionWorkerEntry } from '@argus/detection';
import { metricSeries, metricSum } from '@argus/tools/soak/sampler';
import { startFaultRig, type FaultRig } from './support/fault-rig';
import { CRASH_SLOT, SLOT_COUNT, THROW_SLOT } from './support/detection-slots';
import { ffmpegChildren, until } from './support/processes';

// The real detection worker, told through shared memory to throw on some frames or to die on one.
// The camera must not notice beyond the lost frames: it keeps running, the failures are counted,
// and the next frames find the face again.
jest.setTimeout(120_000);

const METRICS_TOKEN = 'fault-suite-metrics-token';

interface Detections {
  cameraId: string;
  boxes: unknown[];
}

describe('fault suite: a detection worker that throws or crashes', () => {
  let rig: FaultRig;
  let id: string;
  let runtime: CameraRuntime;
  const slots = new Int32Array(new SharedArrayBuffer(SLOT_COUNT * 4));
  const withFaces: number[] = []; // arrival times of detection results that found a face

  beforeAll(async () => {
    const worker = { ...detectionWorkerEntry(join(__dirname, 'support'), 'faulty-detection.worker'), extra: slots.buffer };
    rig = await startFaultRig({ paths: { lobby: {} }, env: { METRICS_TOKEN }, app: { detectionPool: { worker } } });
    runtime = rig.t.app.get(CameraRuntime);
    id = await rig.addCamera('lobby', { fps: 5 });
    await rig.socket.emitWithAck('subscribe', { cameraIds: [id] });
    rig.socket.on('detections', (d: Detections) => {
      if (d.cameraId === id && d.boxes.length > 0) withFaces.push(Date.now());
    });
    await rig.start(id);
    await rig.states.waitFor(id, 'running', 60_000);
    await until('a face detected', 60_000, () => (withFaces.length > 0 ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  const failed = () => runtime.counters(id)?.failed ?? 0;
  const metrics = async () => (await rig.t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
  const faceFoundAfter = (since: number) => until('a face found again', 30_000, () => (withFaces.some((t) => t > since) ? true : undefined));

  it('counts frames whose detection threw and detects the next ones', async () => {
    const mark = rig.states.mark();
    const feeds = ffmpegChildren().map((c) => c.pid);
    Atomics.store(slots, THROW_SLOT, 3);
    await until('three frames failed', 30_000, () => (failed() >= 3 && Atomics.load(slots, THROW_SLOT) === 0 ? true : undefined));
    await faceFoundAfter(Date.now());
    const text = await metrics();
    expect(metricSeries(text, 'argus_camera_detection_failures_total').get(`argus_camera_detection_failures_total{camera="${id}"}`)).toBe(3);
    expect(metricSum(text, 'argus_detection_errors_total')).toBe(3);
    // Detection failures never touch the stream: same ffmpeg processes, no state change.
    expect(ffmpegChildren().map((c) => c.pid)).toEqual(feeds);
    expect(rig.states.of(id, mark).filter((e) => e.status !== 'running')).toEqual([]);
  });

  it('replaces a worker that died on a frame and detects the next frames with the new one', async () => {
    const mark = rig.states.mark();
    const before = failed();
    Atomics.store(slots, CRASH_SLOT, 1);
    await until('the crash counted', 30_000, () => (failed() > before && Atomics.load(slots, CRASH_SLOT) === 0 ? true : undefined));
    const crashedAt = Date.now();
    // The replacement loads and warms up its model first; frames meanwhile wait or are skipped.
    await faceFoundAfter(crashedAt);
    const text = await metrics();
    expect(metricSum(text, 'argus_detection_pool_threads')).toBe(1);
    expect(metricSum(text, 'argus_detection_errors_total')).toBeGreaterThanOrEqual(4);
    expect(rig.states.of(id, mark).filter((e) => e.status !== 'running')).toEqual([]);
    const processed = runtime.counters(id)?.processed ?? 0;
    await until('frames keep going through detection', 20_000, () => ((runtime.counters(id)?.processed ?? 0) > processed + 5 ? true : undefined));
  });
});
