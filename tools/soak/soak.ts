import type { Socket } from 'socket.io-client';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '../camera-sim';
import { api, connectSocket, startArgus, type RunningArgus } from '../bench/support/argus-server';
import { childPids } from '../bench/support/process-usage';
import { Flapper, seededRandom, type FlapKind } from './flapper';
import { RunningTotals, takeSample, type SampleSource, type SoakSample } from './sampler';

export interface SoakOptions {
  minutes: number;
  cameras: number;
  /** Processing FPS of every camera. */
  fps: number;
  /** Print and keep a sample every this many seconds. */
  everyS: number;
  /** A new fault every this many seconds. */
  flapEveryS: number;
  seed: number;
  port: number;
  onSample?: (sample: SoakSample) => void;
}

export interface SoakReport {
  options: Omit<SoakOptions, 'onSample'>;
  startedAt: string;
  samples: SoakSample[];
  flaps: Record<FlapKind, number>;
  end: {
    /** Seconds from the last fault cleared until every camera was running again (null: not all did). */
    recoveryS: number | null;
    afterStorm: SoakSample;
    childrenAfterStop: number;
    alertsStored: number;
    alertsPublished: number;
    duplicateAlertEvents: number;
    exitCode: number | null;
    shutdownMs: number;
  };
}

const METRICS_TOKEN = 'soak-metrics-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(timeoutMs: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(500);
  }
  return false;
}

function listen(server: RunningArgus, onAlert: (alertId: string) => void): Promise<Socket> {
  return connectSocket(server, (socket) => socket.on('alert', (alert: { alertId: string }) => onAlert(alert.alertId)));
}

async function addCameras(server: RunningArgus, sim: CameraSimulator, paths: string[], fps: number): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const path of paths) {
    const camera = await api<{ id: string }>(server, 'POST', '/api/cameras', { name: `Soak ${path}`, location: 'soak', rtspUrl: sim.url(path), fps });
    await api(server, 'POST', `/api/cameras/${camera.id}/start`);
    ids.set(path, camera.id);
  }
  return ids;
}

const runningCount = async (server: RunningArgus): Promise<number> =>
  ((await (await fetch(`${server.url}/api/health`)).json()) as { cameras: { byStatus: { running: number } | null } }).cameras.byStatus?.running ?? 0;

/** Samples every `everyS` until `endAt`. */
async function sampleUntil(source: SampleSource, endAt: number, options: SoakOptions, samples: SoakSample[]): Promise<void> {
  while (Date.now() < endAt) {
    await sleep(Math.min(options.everyS * 1000, Math.max(0, endAt - Date.now())));
    const sample = await takeSample(source);
    samples.push(sample);
    options.onSample?.(sample);
  }
}

interface WindDown {
  children: number;
  alertsStored: number;
  exitCode: number | null;
  shutdownMs: number;
}

/** Stops every camera, waits for the ffmpeg children to go, counts stored alerts, then SIGTERM. */
async function windDown(server: RunningArgus, ids: Iterable<string>): Promise<WindDown> {
  for (const id of ids) await api(server, 'POST', `/api/cameras/${id}/stop`);
  await until(15_000, async () => childPids(server.pid).length === 0);
  const children = childPids(server.pid).length;
  await sleep(1000); // the last alert events reach the socket
  const { total: alertsStored } = await api<{ total: number }>(server, 'GET', '/api/alerts?limit=1');
  const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
  const t0 = Date.now();
  await server.stop();
  return { children, alertsStored, exitCode: await exited, shutdownMs: Date.now() - t0 };
}

interface Rig {
  sim: CameraSimulator;
  server: RunningArgus;
  socket: Socket;
  ids: Map<string, string>;
  source: SampleSource;
  alerts: { events: number; ids: Set<string> };
}

async function setUp(options: SoakOptions, paths: string[]): Promise<Rig> {
  const clips = await ensureClips('tmp/camera-sim-clips');
  const sim = await startCameraSimulator({ paths: Object.fromEntries(paths.map((p) => [p, { clip: clips.faces }])) });
  const server = await startArgus(options.port, { METRICS_TOKEN, WEB_ROOT: '', LOG_LEVEL: 'error' });
  const alerts = { events: 0, ids: new Set<string>() };
  const socket = await listen(server, (id) => {
    alerts.events++;
    alerts.ids.add(id);
  });
  const ids = await addCameras(server, sim, paths, options.fps);
  const source: SampleSource = {
    pid: server.pid,
    url: server.url,
    adminToken: server.token,
    metricsToken: METRICS_TOKEN,
    startedAt: Date.now(),
    published: () => alerts.ids.size,
    reconnects: new RunningTotals(),
    processed: new RunningTotals(),
  };
  return { sim, server, socket, ids, source, alerts };
}

/** Faults for `minutes` while sampling; then the time until every camera runs again. */
async function storm(rig: Rig, options: SoakOptions, paths: string[]): Promise<{ samples: SoakSample[]; flaps: Record<FlapKind, number>; recoveryS: number | null }> {
  const { server, ids } = rig;
  const flapper = new Flapper(rig.sim, {
    paths,
    everyMs: options.flapEveryS * 1000,
    maxFaulted: Math.ceil(paths.length / 2),
    random: seededRandom(options.seed),
    restart: async (path) => {
      await api(server, 'POST', `/api/cameras/${ids.get(path)}/stop`);
      await api(server, 'POST', `/api/cameras/${ids.get(path)}/start`);
    },
  });
  const samples: SoakSample[] = [];
  flapper.start();
  await sampleUntil(rig.source, Date.now() + options.minutes * 60_000, options, samples);
  flapper.stop();
  const calmAt = Date.now();
  const recovered = await until(90_000, async () => (await runningCount(server)) === paths.length);
  return { samples, flaps: flapper.counts(), recoveryS: recovered ? Math.round((Date.now() - calmAt) / 100) / 10 : null };
}

/** The product under flapping cameras for `minutes`, then recovery, stop and shutdown checks. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const startedAt = new Date().toISOString();
  const paths = Array.from({ length: options.cameras }, (_, i) => `cam${i}`);
  const rig = await setUp(options, paths);
  try {
    const { samples, flaps, recoveryS } = await storm(rig, options, paths);
    await sleep(5000); // let the last alerts land and any stray restart settle
    const afterStorm = await takeSample(rig.source);
    const down = await windDown(rig.server, rig.ids.values());
    rig.socket.close();
    const { onSample: _, ...plain } = options;
    const { children: childrenAfterStop, alertsStored, exitCode, shutdownMs } = down;
    const alertsPublished = rig.alerts.ids.size;
    const duplicateAlertEvents = rig.alerts.events - alertsPublished;
    return { options: plain, startedAt, samples, flaps, end: { recoveryS, afterStorm, childrenAfterStop, alertsStored, alertsPublished, duplicateAlertEvents, exitCode, shutdownMs } };
  } finally {
    if (rig.server.process.exitCode === null) rig.server.process.kill('SIGKILL');
    await rig.sim.stop();
  }
}
