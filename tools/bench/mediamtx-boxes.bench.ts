/**
 * MediaMTX "boxes" mode benchmark (`npm run bench -- mediamtx-boxes`): what drawing the face boxes
 * into one camera's video costs. The simulator's faces clip (Main profile, 1 s GOP, 15 fps) is
 * pushed in real time through MediamtxLiveHub, once in `passthrough` and once in `boxes` mode, to
 * a stand-in of MediaMTX's RTSP listener; detections arrive 10 times a second with a moving box.
 *
 * - box burner ffmpeg: CPU of the per-camera ffmpeg child (decode + overlay + libx264), from /proc;
 * - Node: CPU of this process in boxes mode minus passthrough (overlay frames, FLV in and out);
 * - latency: camera unit handed to the burner → re-encoded picture back (pictures matched in order);
 * - bitrate of the re-encoded stream.
 * Environment: BENCH_BOXES_SECONDS (each window, default 15), BENCH_BOXES_SIZES (default 640x360,1280x720).
 */
import { readFileSync } from 'node:fs';
import { MediamtxLiveHub, type BoxBurner } from '@argus/adapters/media/mediamtx';
import { RecordedRtspServer } from '../testing/media/recorded-rtsp-server';
import { groupAccessUnits, isKeyframe, splitAnnexB, toAnnexB } from '@argus/adapters/media/h264';
import { resolveFfmpegBinary } from '@argus/adapters/media/ffmpeg/ffmpeg-binary';
import type { EncodedVideoUnit } from '@argus/domain';
import { CLIP_FPS } from '../camera-sim';
import { benchClip } from './live/bench-clip';
import { percentile, printTable, recordResults } from './results';
import { cpuSeconds } from './support/process-usage';

const WINDOW_S = Number(process.env['BENCH_BOXES_SECONDS'] ?? 15);
const WARMUP_S = 3;
const SIZES = (process.env['BENCH_BOXES_SIZES'] ?? '640x360,1280x720').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const DETECTION_FPS = 10;
const PROCESSING_WIDTH = 640;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pct = (share: number) => Math.round(share * 1000) / 10;

interface Window {
  /** Share of one core, this process. */
  node: number;
  /** Share of one core, the burner's ffmpeg (0 in passthrough). */
  ffmpeg: number;
  latencyMs: number[];
  kbps: number;
  dropped: number;
  published: number;
}

function selfCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** One camera through the hub in `publish` mode for the warm-up plus one measured window. */
async function measure(units: Uint8Array[][], width: number, height: number, publish: 'passthrough' | 'boxes'): Promise<Window> {
  const server = new RecordedRtspServer();
  const port = await server.listen();
  const pushedAt: number[] = [];
  const latencies: number[] = [];
  let outBytes = 0;
  let measuring = false;
  const hub = new MediamtxLiveHub({
    rtspUrl: `rtsp://127.0.0.1:${port}`,
    webrtcUrl: 'http://127.0.0.1:8889',
    publisher: { username: 'argus-publisher', password: 'bench' },
    publish,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const watched: { burner?: BoxBurner } = {};
  if (publish === 'boxes') {
    // The real burner, its output watched on the way to the publication.
    const hubInternals = hub as unknown as { createBurner: (id: string, info: unknown, output: (u: EncodedVideoUnit) => void) => BoxBurner };
    const create = hubInternals.createBurner.bind(hub);
    hubInternals.createBurner = (id, info, output) => {
      watched.burner = create(id, info, (unit) => {
        const sent = pushedAt.shift();
        if (measuring && sent !== undefined) latencies.push(performance.now() - sent);
        if (measuring) outBytes += unit.data.length;
        output(unit);
      });
      return watched.burner;
    };
  }
  hub.cameraStarted('bench', { codec: 'h264', width, height, transcoded: false });
  const frameMs = 1000 / CLIP_FPS;
  const t0 = performance.now();
  let sent = 0;
  let detections = 0;
  let running = true;
  // Units on the camera's schedule (late timers catch up), detections at 10 fps with a moving box.
  const pump = (async () => {
    while (running) {
      const now = performance.now();
      while (sent * frameMs <= now - t0) {
        const nals = units[sent % units.length];
        if (publish === 'boxes') pushedAt.push(performance.now());
        else if (measuring) outBytes += nals.reduce((n, nal) => n + nal.length + 4, 0);
        hub.unit('bench', { data: toAnnexB(nals), pts90k: sent * (90_000 / CLIP_FPS), keyframe: isKeyframe(nals), receivedAt: Date.now() });
        sent++;
      }
      while (detections * (1000 / DETECTION_FPS) <= now - t0) {
        const phase = detections / 20;
        const frameWidth = Math.min(width, PROCESSING_WIDTH);
        const frameHeight = Math.round((height * frameWidth) / width);
        const box = { x: frameWidth * (0.3 + 0.2 * Math.sin(phase)), y: frameHeight * (0.25 + 0.1 * Math.cos(phase)), width: frameWidth * 0.15, height: frameHeight * 0.3, score: 0.9 };
        hub.detections('bench', { frameWidth, frameHeight, capturedAt: Date.now(), pts90k: 0, boxes: [box] });
        detections++;
      }
      await sleep(2);
    }
  })();
  await sleep(WARMUP_S * 1000);
  const ffmpegPid = watched.burner?.pid;
  const cpu0 = { node: selfCpuSeconds(), ffmpeg: ffmpegPid ? cpuSeconds(ffmpegPid) : 0 };
  const w0 = performance.now();
  const dropped0 = watched.burner?.stats.dropped ?? 0;
  const published0 = server.units.length;
  measuring = true;
  await sleep(WINDOW_S * 1000);
  measuring = false;
  const elapsedS = (performance.now() - w0) / 1000;
  const window: Window = {
    node: (selfCpuSeconds() - cpu0.node) / elapsedS,
    ffmpeg: ffmpegPid ? (cpuSeconds(ffmpegPid) - cpu0.ffmpeg) / elapsedS : 0,
    latencyMs: latencies,
    kbps: (outBytes * 8) / 1000 / elapsedS,
    dropped: (watched.burner?.stats.dropped ?? 0) - dropped0,
    published: server.units.length - published0,
  };
  running = false;
  await pump;
  await hub.close();
  await server.close();
  return window;
}

async function run(): Promise<void> {
  const ffmpeg = await resolveFfmpegBinary({ ffmpegPath: process.env['FFMPEG_PATH'] || null, ffmpegSearchPath: process.env['PATH'] ?? '' });
  const rows: Array<Record<string, string | number>> = [];
  const figures: Record<string, unknown> = { ffmpeg: `${ffmpeg.version} (${ffmpeg.path})`, windowSeconds: WINDOW_S, fps: CLIP_FPS };
  for (const [width, height] of SIZES) {
    const units = groupAccessUnits(splitAnnexB(new Uint8Array(readFileSync(await benchClip(width, height)))));
    const passthrough = await measure(units, width, height, 'passthrough');
    const boxes = await measure(units, width, height, 'boxes');
    const nodeExtra = Math.max(0, boxes.node - passthrough.node);
    const size = `${width}x${height}@${CLIP_FPS}`;
    const latency = { p50: Math.round(percentile(boxes.latencyMs, 50)), p95: Math.round(percentile(boxes.latencyMs, 95)) };
    figures[size] = {
      burnerFfmpegPercentOfCore: pct(boxes.ffmpeg),
      nodeExtraPercentOfCore: pct(nodeExtra),
      totalExtraPercentOfCore: pct(boxes.ffmpeg + nodeExtra),
      nodePercentOfCore: { passthrough: pct(passthrough.node), boxes: pct(boxes.node) },
      latencyMs: latency,
      reencodedKbps: Math.round(boxes.kbps),
      cameraKbps: Math.round(passthrough.kbps),
      unitsDropped: boxes.dropped,
      picturesPublishedPerSecond: Math.round((boxes.published / WINDOW_S) * 10) / 10,
    };
    rows.push({
      stream: size,
      'ffmpeg burner (% core)': pct(boxes.ffmpeg),
      'Node extra (% core)': pct(nodeExtra),
      'total (% core)': pct(boxes.ffmpeg + nodeExtra),
      'latency p50/p95 (ms)': `${latency.p50} / ${latency.p95}`,
      'kbit/s camera → boxes': `${Math.round(passthrough.kbps)} → ${Math.round(boxes.kbps)}`,
      dropped: boxes.dropped,
    });
  }
  printTable(`MediaMTX boxes mode, one camera (ffmpeg ${ffmpeg.version}), CPU over and above passthrough`, rows);
  recordResults('mediamtxBoxes', figures);
}

run().catch((error: unknown) => {
  process.stderr.write(`mediamtx-boxes bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
