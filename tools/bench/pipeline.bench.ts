// Camera pipeline benchmark: how many simulated cameras run at 10 fps with detection on this
// machine, capture → socket.io latency of alerts and detections, CPU and memory per camera.
// Then the same with object detection on (every camera asks for people and cars, OBJECT_FPS 2).
// Usage: npm run bench -- pipeline   (PIPELINE_CAMERAS=1,4,8,16  PIPELINE_SECONDS=20
// PIPELINE_OBJECT_CAMERAS=1,2,4,8; then realistic cameras: REALISTIC_CAMERAS=4,12  REALISTIC_SECONDS=20)
import { ensureClips, ensureVisitsClip, startCameraSimulator, VISIT_SECONDS } from '../camera-sim';
import { printTable, recordResults } from './results';
import { connectSocket, startArgus } from './support/argus-server';
import { BENCH_METRICS_TOKEN, objectProbe } from './support/object-probe';
import { measurePipeline, type PipelineSample } from './support/pipeline-measure';
import { benchRealisticCameras } from './support/realistic-cameras';

const COUNTS = (process.env['PIPELINE_CAMERAS'] ?? '1,4,8,16').split(',').map(Number);
const MEASURE_S = Number(process.env['PIPELINE_SECONDS'] ?? 20);
const OBJECT_COUNTS = (process.env['PIPELINE_OBJECT_CAMERAS'] ?? '1,2,4,8').split(',').filter(Boolean).map(Number);
const OBJECT_FPS = 2;
const OBJECT_LABELS = ['person', 'car'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  // A face that comes and goes (VISIT_SECONDS in view, as long away): each return is a new
  // track, so every camera alerts every 2 × VISIT_SECONDS and alert latency has enough samples.
  const visits = await ensureVisitsClip('tmp/camera-sim-clips', await ensureClips('tmp/camera-sim-clips'));
  const paths = Object.fromEntries(Array.from({ length: Math.max(...COUNTS, ...OBJECT_COUNTS) }, (_, i) => [`cam${i}`, { clip: visits }]));
  const sim = await startCameraSimulator({ paths });
  // No cooldown, so every new face track alerts and latency has samples.
  const server = await startArgus(4610, { ALERT_COOLDOWN_S: '0', OBJECT_FPS: String(OBJECT_FPS), METRICS_TOKEN: BENCH_METRICS_TOKEN });
  const socket = await connectSocket(server);
  const samples: PipelineSample[] = [];
  const objectSamples: PipelineSample[] = [];
  const urls = (n: number) => Array.from({ length: n }, (_, i) => sim.url(`cam${i}`));
  try {
    for (const n of COUNTS) {
      samples.push(await measurePipeline(server, socket, urls(n), MEASURE_S, { probe: objectProbe(server) }));
      await sleep(3000);
    }
    for (const n of OBJECT_COUNTS) {
      objectSamples.push(await measurePipeline(server, socket, urls(n), MEASURE_S, { objects: OBJECT_LABELS, probe: objectProbe(server) }));
      await sleep(3000);
    }
  } finally {
    socket.close();
    await server.stop();
    await sim.stop();
  }
  printTable('Camera pipeline (10 fps per camera, detection on; latency ms from capture to socket.io)', samples as never);
  const sustained = Math.max(0, ...samples.filter((s) => s.camerasAt10 === s.cameras).map((s) => s.cameras));
  process.stdout.write(`\ncameras sustained at 10 fps: ${sustained}\n`);
  printTable(`Camera pipeline with objects (${OBJECT_LABELS.join(' and ')} asked for, OBJECT_FPS ${OBJECT_FPS}; object ms per frame in the pool, queue wait included)`, objectSamples as never);
  const withObjects = Math.max(0, ...objectSamples.filter((s) => s.camerasAt10 === s.cameras).map((s) => s.cameras));
  const objectsHeld = (s: PipelineSample) => (s as PipelineSample & { objectFps: number }).objectFps >= 0.9 * OBJECT_FPS;
  const withObjectRate = Math.max(0, ...objectSamples.filter((s) => s.camerasAt10 === s.cameras && objectsHeld(s)).map((s) => s.cameras));
  process.stdout.write(`cameras sustained at 10 fps with objects on: ${withObjects} (${withObjectRate} also keeping ${OBJECT_FPS} object frames/s each)\n`);
  recordResults('pipeline', {
    samples,
    camerasSustainedAt10Fps: sustained,
    objectSamples,
    camerasSustainedAt10FpsWithObjects: withObjects,
    camerasKeepingObjectFps: withObjectRate,
    objectFps: OBJECT_FPS,
    objectLabels: OBJECT_LABELS,
    measureSeconds: MEASURE_S,
    faceVisitSeconds: VISIT_SECONDS,
  });
}

// Then 1920×1080 cameras, decoding the main stream or a 640×360 detection stream (support/realistic-cameras.ts).
main()
  .then(() => benchRealisticCameras())
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
