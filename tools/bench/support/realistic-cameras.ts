// Realistic cameras for the pipeline benchmark: 1920×1080 main streams at 15 fps with detection at
// 5 fps, once decoding the main stream itself and once with a 640×360 detection stream of the same
// scene (detectRtspUrl). Measures Argus's CPU per camera (server and its ffmpeg children) and how
// many such cameras two cores hold.
// Part of `npm run bench -- pipeline`; alone: `node --import tsx tools/bench/support/realistic-cameras.ts`
// (REALISTIC_CAMERAS=4,12  REALISTIC_SECONDS=20  REALISTIC_SETUPS=main,detect)
import { existsSync, renameSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { CLIP_FPS, ensureClips, ensureVisitsClip, ffmpegFromEnvironment, startCameraSimulator, type CameraSimulator } from '../../camera-sim';
import { startFfmpeg } from '../../camera-sim/ffmpeg-runner.testing';
import { percentile, printTable, recordResults } from '../results';
import { api, connectSocket, startArgus, type RunningArgus } from './argus-server';
import { childPids, cpuSeconds, treeCpuSeconds, treeRssBytes } from './process-usage';

const CLIPS_DIR = 'tmp/camera-sim-clips';
const MAIN = { width: 1920, height: 1080 };
const DETECT = { width: 640, height: 360 };
const DETECTION_FPS = 5;
/** The two cores of the reference machine, in CPU percent. */
const TWO_CORES_PCT = 200;
const WARMUP_S = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type RealisticSetup = 'main' | 'detect';

export interface RealisticSample {
  setup: string;
  cameras: number;
  /** Frames handled per second per camera (the heartbeat's FPS), mean and lowest. */
  meanFps: number;
  minFps: number;
  /** Cameras that held the detection rate (≥ 95 % of it). */
  camerasAtRate: number;
  /** Frames per second per camera that reached face detection (others: motion-gated or replaced). */
  detectedFps: number;
  detectionP50: number;
  detectionP95: number;
  alerts: number;
  alertP50: number;
  /** Argus's CPU (server and ffmpeg children), percent of one core, all cameras together. */
  cpuPctTotal: number;
  cpuPctPerCamera: number;
  /**
   * Of that, the ffmpeg children (pulls and decoders) per camera: they handle every unit even when
   * the machine is busy, so this part holds under load where the detection part does not.
   */
  ffmpegPctPerCamera: number;
  rssMbTotal: number;
  /** The machine's 1-minute load average at the end (other work on the machine starves the run). */
  loadAverage: number;
}

/** What one camera costs beyond Argus's own base, and how many two cores hold at that cost. */
export interface RealisticEstimate {
  /** Percent of one core per camera, between the smallest and the largest count. */
  cpuPctPerCamera: number;
  /** What is left at zero cameras (the server, the detection pool, socket.io). */
  cpuPctBase: number;
  camerasFor2Cores: number;
  /** Every run held the detection rate on every camera and detection kept pace (else the figure is unreliable). */
  heldRate: boolean;
}

/**
 * The 1920×1080 and 640×360 clips (15 fps, an IDR every second, H.264 Main): the pipeline
 * benchmark's visits clip (a face 4 s in view, 4 s away), scaled up for the main stream.
 */
export async function ensureRealisticClips(dir = CLIPS_DIR): Promise<{ main: string; detect: string }> {
  const detect = await ensureVisitsClip(dir, await ensureClips(dir));
  const main = join(dir, `visits-${MAIN.width}x${MAIN.height}.h264`);
  if (!existsSync(main)) {
    const partial = `${main}.${process.pid}.partial`;
    const gop = String(CLIP_FPS);
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-r', gop, '-f', 'h264', '-i', detect,
      '-vf', `scale=${MAIN.width}:${MAIN.height}:flags=bicubic`, '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast',
      '-tune', 'zerolatency', '-bf', '0', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-b:v', '4M', '-f', 'h264', partial];
    try {
      const run = await startFfmpeg(ffmpegFromEnvironment(), args, 300_000).done;
      if (run.code !== 0) throw new Error(`could not make the ${MAIN.width}×${MAIN.height} clip: ${run.stderr}`);
      renameSync(partial, main);
    } finally {
      rmSync(partial, { force: true });
    }
  }
  return { main, detect };
}

/** `cameras` cameras of one setup, started, measured over `measureS` seconds, then deleted. */
export async function measureRealistic(server: RunningArgus, socket: Socket, sim: CameraSimulator, setup: RealisticSetup, cameras: number, measureS: number): Promise<RealisticSample> {
  const ids: string[] = [];
  const alertLag: number[] = [];
  const onAlert = (a: { cameraId: string; timestamp: string }) => ids.includes(a.cameraId) && alertLag.push(Date.now() - Date.parse(a.timestamp));
  socket.on('alert', onAlert);
  for (let i = 0; i < cameras; i++) {
    const body = {
      name: `Realistic ${setup} ${i}`,
      location: 'bench',
      rtspUrl: sim.url(`main${i}`),
      ...(setup === 'detect' ? { detectRtspUrl: sim.url(`detect${i}`) } : {}),
      fps: DETECTION_FPS,
    };
    const cam = await api<{ id: string }>(server, 'POST', '/api/cameras', body);
    ids.push(cam.id);
    await api(server, 'POST', `/api/cameras/${cam.id}/start`);
  }
  await socket.emitWithAck('subscribe', { cameraIds: ids });
  await sleep(WARMUP_S * 1000);
  const fps = new Map<string, number[]>();
  const detectionLag: number[] = [];
  const onState = (e: { cameraId: string; status: string; fps: number }) => {
    if (ids.includes(e.cameraId) && e.status === 'running') fps.set(e.cameraId, [...(fps.get(e.cameraId) ?? []), e.fps]);
  };
  const onDetections = (d: { cameraId: string; ts: string }) => ids.includes(d.cameraId) && detectionLag.push(Date.now() - Date.parse(d.ts));
  socket.on('camera_state', onState).on('detections', onDetections);
  const cpu0 = treeCpuSeconds(server.pid);
  const children0 = new Map(childPids(server.pid).map((pid) => [pid, cpuSeconds(pid)]));
  const t0 = Date.now();
  await sleep(measureS * 1000);
  const windowS = (Date.now() - t0) / 1000;
  const cpuPct = ((treeCpuSeconds(server.pid) - cpu0) / windowS) * 100;
  // Children that ran the whole window (a restarted one is left out of this part).
  const childrenS = childPids(server.pid).reduce((sum, pid) => sum + (children0.has(pid) ? cpuSeconds(pid) - (children0.get(pid) as number) : 0), 0);
  const rss = treeRssBytes(server.pid);
  socket.off('camera_state', onState).off('detections', onDetections).off('alert', onAlert);
  for (const id of ids) await api(server, 'DELETE', `/api/cameras/${id}`).catch(() => undefined);
  const perCamera = ids.map((id) => mean(fps.get(id) ?? [0]));
  const cpuPerCamera = cpuPct / cameras;
  return {
    setup: setup === 'detect' ? `${MAIN.width}×${MAIN.height} + ${DETECT.width}×${DETECT.height} detection stream` : `${MAIN.width}×${MAIN.height} decoded`,
    cameras,
    meanFps: round(mean(perCamera)),
    minFps: round(Math.min(...perCamera)),
    camerasAtRate: perCamera.filter((f) => f >= 0.95 * DETECTION_FPS).length,
    detectedFps: round(detectionLag.length / windowS / cameras),
    detectionP50: percentile(detectionLag, 50),
    detectionP95: percentile(detectionLag, 95),
    alerts: alertLag.length,
    alertP50: percentile(alertLag, 50),
    cpuPctTotal: round(cpuPct),
    cpuPctPerCamera: round(cpuPerCamera),
    ffmpegPctPerCamera: round((childrenS / windowS / cameras) * 100),
    rssMbTotal: Math.round(rss / 1e6),
    loadAverage: round(loadavg()[0]),
  };
}

/** Runs both setups at each camera count on a server and simulator of their own; prints and records the figures. */
export async function benchRealisticCameras(): Promise<RealisticSample[]> {
  const counts = (process.env['REALISTIC_CAMERAS'] ?? '4,12').split(',').map(Number);
  const measureS = Number(process.env['REALISTIC_SECONDS'] ?? 20);
  const setups = (process.env['REALISTIC_SETUPS'] ?? 'main,detect').split(',') as RealisticSetup[];
  const clips = await ensureRealisticClips();
  const most = Math.max(...counts);
  const paths: Record<string, { clip: string }> = {};
  for (let i = 0; i < most; i++) {
    paths[`main${i}`] = { clip: clips.main };
    paths[`detect${i}`] = { clip: clips.detect };
  }
  const sim = await startCameraSimulator({ paths });
  // No cooldowns: every return of the face alerts, so alert latency has samples.
  const server = await startArgus(4611, { ALERT_COOLDOWN_S: '0', IDENTITY_COOLDOWN_S: '0', WEB_ROOT: '' });
  const socket = await connectSocket(server);
  const samples: RealisticSample[] = [];
  try {
    for (const setup of setups) {
      for (const n of counts) {
        samples.push(await measureRealistic(server, socket, sim, setup, n, measureS));
        await sleep(3000);
      }
    }
  } finally {
    socket.close();
    await server.stop();
    await sim.stop();
  }
  printTable(`Realistic cameras: ${MAIN.width}×${MAIN.height} at ${CLIP_FPS} fps, detection at ${DETECTION_FPS} fps (CPU of Argus and its ffmpeg children)`, samples as never);
  const summary = {
    decodingMain: estimate(samples.filter((x) => !x.setup.includes('detection stream'))),
    withDetectionStream: estimate(samples.filter((x) => x.setup.includes('detection stream'))),
  };
  for (const [name, e] of [['decoding the 1920×1080 stream', summary.decodingMain], ['with a 640×360 detection stream', summary.withDetectionStream]] as const) {
    if (!e) continue;
    process.stdout.write(
      `\n${name}: ${e.cpuPctPerCamera} % of a core per camera (+ ${e.cpuPctBase} % base): 2 cores hold about ${e.camerasFor2Cores}${e.heldRate ? '' : ' (a run fell behind: CPU was short, the figure is unreliable)'}`,
    );
  }
  process.stdout.write('\n');
  recordResults('pipelineRealistic', { samples, ...summary, measureSeconds: measureS, main: MAIN, detection: DETECT, clipFps: CLIP_FPS, detectionFps: DETECTION_FPS });
  return samples;
}

/**
 * CPU per camera as the slope between the smallest and the largest count (Argus's base work
 * cancels out), and the cameras two cores hold at that rate. One count: no base is known.
 */
export function estimate(samples: RealisticSample[]): RealisticEstimate | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a.cameras - b.cameras);
  const [low, high] = [sorted[0], sorted[sorted.length - 1]];
  const perCamera = high.cameras > low.cameras ? (high.cpuPctTotal - low.cpuPctTotal) / (high.cameras - low.cameras) : high.cpuPctPerCamera;
  const base = high.cameras > low.cameras ? Math.max(0, low.cpuPctTotal - perCamera * low.cameras) : 0;
  return {
    cpuPctPerCamera: round(perCamera),
    cpuPctBase: round(base),
    camerasFor2Cores: perCamera > 0 ? Math.floor((TWO_CORES_PCT - base) / perCamera) : 0,
    // Every camera at the detection rate, and detection keeping pace: per camera, the largest
    // count detects at least 80 % of what the smallest does (else CPU was short and the slope low).
    heldRate: samples.every((x) => x.camerasAtRate === x.cameras) && high.detectedFps >= 0.8 * low.detectedFps,
  };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const round = (n: number) => Math.round(n * 10) / 10;

if (require.main === module) {
  benchRealisticCameras().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
