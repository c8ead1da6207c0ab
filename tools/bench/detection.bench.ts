// Detection benchmark: ms per frame in-process at 640×360 and 1280×720, frames/s through the
// DetectionPool with 1..N threads, and process memory. `npm run bench -- detection`
import { availableParallelism } from 'node:os';
import type { Frame } from '@argus/domain';
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import {
  createFaceDetector,
  DetectionPool,
  DetectionQueueFullError,
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
  recordResults('detection', { cores: availableParallelism(), perFrame, throughput, inProcessRssMb: inProcessRss });
}

main().catch((error: unknown) => {
  process.stderr.write(`detection bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
