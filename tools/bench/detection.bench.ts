// Detection benchmark: ms per frame in-process at 640×360 and 1280×720, frames/s through the
// DetectionPool with 1..N threads, and process memory; then the same for COCO objects: ms per
// frame for faces, objects and both on the same frame, and pool frames/s with objects.
// `npm run bench -- detection`
import { availableParallelism } from 'node:os';
import type { Frame } from '@argus/domain';
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import {
  createFaceDetector,
  DEFAULT_OBJECT_SETTINGS,
  DetectionPool,
  DetectionQueueFullError,
  LocalObjectDetector,
  type DetectionEngine,
  type DetectorSettings,
} from '@argus/detection';
import { readImageFile } from '../detect/image-file';
import { percentile, printTable, recordResults } from './results';

const ASTRONAUT = 'libs/detection/test/fixtures/astronaut.jpg';
const SIZES: Array<[number, number]> = [[640, 360], [1280, 720]];
const CONFIGS: Array<{ engine: DetectionEngine; tiling: boolean }> = [
  { engine: 'onnx', tiling: false },
  { engine: 'onnx', tiling: true },
  { engine: 'tfjs', tiling: false },
  { engine: 'tfjs', tiling: true },
];
const POOL_SECONDS = 4;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** A camera-like frame: grey background with the astronaut photo pasted in (RGB). */
function sceneFrame(width: number, height: number): Frame {
  const face = readImageFile(ASTRONAUT);
  const data = new Uint8Array(width * height * 3).fill(90);
  const scale = Math.min(1, (height * 0.5) / face.height);
  const size = Math.floor(face.height * scale);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const src = (Math.floor(y / scale) * face.width + Math.floor(x / scale)) * face.channels;
      data.set(face.data.subarray(src, src + 3), ((y + height / 4) * width + x + width / 2) * 3);
    }
  }
  return { width, height, channels: 3, data };
}

/** The server's settings (the same variables), with the engine and tiling under test. */
function settingsFor(config: { engine: DetectionEngine; tiling: boolean }): DetectorSettings {
  return { ...detectorSettingsFromEnv(), ...config };
}

async function inProcess(config: { engine: DetectionEngine; tiling: boolean }) {
  const detector = await createFaceDetector(settingsFor(config));
  const rows = [];
  for (const [width, height] of SIZES) {
    const frame = sceneFrame(width, height);
    for (let i = 0; i < 3; i++) await detector.detect(frame);
    const ms: number[] = [];
    const runs = config.engine === 'onnx' ? 60 : 25;
    for (let i = 0; i < runs; i++) ms.push((await detector.detect(frame)).ms);
    rows.push({ ...label(config), frame: `${width}x${height}`, p50_ms: round(percentile(ms, 50)), p95_ms: round(percentile(ms, 95)) });
  }
  await detector.close();
  return rows;
}

/** Keeps the pool saturated for POOL_SECONDS and counts finished frames. */
async function poolThroughput(config: { engine: DetectionEngine; tiling: boolean }, threads: number) {
  const template = sceneFrame(640, 360);
  const pool = await DetectionPool.start({ threads, settings: settingsFor(config), maxQueue: threads * 2 });
  let done = 0;
  let dropped = 0;
  const until = performance.now() + POOL_SECONDS * 1000;
  const submitter = async () => {
    while (performance.now() < until) {
      try {
        await pool.detect({ ...template, data: template.data.slice() }); // each frame's buffer is moved
        done++;
      } catch (error) {
        if (!(error instanceof DetectionQueueFullError)) throw error;
        dropped++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: threads * 3 }, submitter));
  const seconds = (performance.now() - started) / 1000;
  const rssMb = mb(process.memoryUsage().rss);
  await pool.close();
  return { ...label(config), threads, frames_per_s: round(done / seconds), dropped, rss_mb: rssMb };
}

/** Faces (the server's settings), COCO objects, and both one after the other on the same frame. */
async function objectsInProcess() {
  const settings = detectorSettingsFromEnv();
  const faces = await createFaceDetector(settings);
  const objects = await LocalObjectDetector.load({ ...DEFAULT_OBJECT_SETTINGS, tfjsBackend: settings.tfjsBackend });
  const rows = [];
  for (const [width, height] of SIZES) {
    const frame = sceneFrame(width, height);
    for (let i = 0; i < 3; i++) {
      await faces.detect(frame);
      await objects.detectObjects(frame);
    }
    const ms = { faces: [] as number[], objects: [] as number[], both: [] as number[] };
    for (let i = 0; i < 20; i++) {
      const f = (await faces.detect(frame)).ms;
      const o = (await objects.detectObjects(frame)).ms;
      ms.faces.push(f);
      ms.objects.push(o);
      ms.both.push(f + o);
    }
    for (const task of ['faces', 'objects', 'both'] as const) {
      rows.push({ task, frame: `${width}x${height}`, p50_ms: round(percentile(ms[task], 50)), p95_ms: round(percentile(ms[task], 95)) });
    }
  }
  await faces.close();
  await objects.close();
  return rows;
}

/** Pool saturated with object tasks (or a face and an object task per frame) for POOL_SECONDS. */
async function objectPoolThroughput(threads: number, withFaces: boolean) {
  const template = sceneFrame(640, 360);
  const pool = await DetectionPool.start({ threads, settings: detectorSettingsFromEnv(), maxQueue: threads * 3 });
  for (let round = 0; round < 3; round++) {
    // each worker loads the object model on its first object task: not measured
    await Promise.all(Array.from({ length: threads * 2 }, () => pool.detectObjects({ ...template, data: template.data.slice() })));
  }
  let done = 0;
  let dropped = 0;
  const until = performance.now() + POOL_SECONDS * 1000;
  const submitter = async () => {
    while (performance.now() < until) {
      try {
        const tasks: Array<Promise<unknown>> = [pool.detectObjects({ ...template, data: template.data.slice() })];
        if (withFaces) tasks.push(pool.detect({ ...template, data: template.data.slice() }));
        const outcomes = await Promise.allSettled(tasks);
        const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (failure) throw failure.reason;
        done++;
      } catch (error) {
        if (!(error instanceof DetectionQueueFullError)) throw error;
        dropped++;
      }
    }
  };
  const started = performance.now();
  // At most two tasks per submitter in flight: threads running + threads × 3 waiting fit them all.
  await Promise.all(Array.from({ length: threads * 2 }, submitter));
  const seconds = (performance.now() - started) / 1000;
  const rssMb = mb(process.memoryUsage().rss);
  await pool.close();
  return { tasks: withFaces ? 'faces + objects' : 'objects', threads, frames_per_s: round(done / seconds), dropped, rss_mb: rssMb };
}

const round = (v: number) => Math.round(v * 10) / 10;
const label = (c: { engine: DetectionEngine; tiling: boolean }) => ({ engine: c.engine, tiling: c.tiling ? 'on' : 'off' });

async function main(): Promise<void> {
  const maxThreads = Math.max(2, availableParallelism());
  const perFrame = [];
  for (const config of CONFIGS) perFrame.push(...(await inProcess(config)));
  const inProcessRss = mb(process.memoryUsage().rss);
  printTable('In-process detector, ms per frame (one thread)', perFrame);
  const throughput = [];
  for (const config of CONFIGS) {
    for (let threads = 1; threads <= maxThreads; threads++) throughput.push(await poolThroughput(config, threads));
  }
  printTable(`DetectionPool at 640x360, ${POOL_SECONDS} s saturated per row (${availableParallelism()} cores)`, throughput);
  process.stdout.write(`\nprocess RSS after the in-process runs: ${inProcessRss} MB\n`);
  const objectsPerFrame = await objectsInProcess();
  printTable('Faces and COCO objects in-process, ms per frame (one thread)', objectsPerFrame);
  const objectThroughput = [];
  for (const withFaces of [false, true]) {
    for (let threads = 1; threads <= maxThreads; threads++) objectThroughput.push(await objectPoolThroughput(threads, withFaces));
  }
  printTable(`DetectionPool with objects at 640x360, ${POOL_SECONDS} s saturated per row`, objectThroughput);
  recordResults('detection', { cores: availableParallelism(), perFrame, throughput, inProcessRssMb: inProcessRss, objectsPerFrame, objectThroughput });
}

main().catch((error: unknown) => {
  process.stderr.write(`detection bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
