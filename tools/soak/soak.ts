import { setTimeout as delay } from 'node:timers/promises';
import { ensureClips, startCameraSimulator, type CameraSimulator } from '../camera-sim';
import { api, connectSocket, startArgus, type RunningArgus } from '../bench/support/argus-server';
import { childPids } from '../bench/support/process-usage';
import { startMongoWireServer, type MongoWireServer } from '../testing/mongo-wire';
import { DatabaseOutages, FfmpegKiller, ffmpegChildren, isFfmpeg, outageWindows, type FfmpegRole, type Outage } from './faults';
import { Flapper, seededRandom, type FlapKind } from './flapper';
import { RunningTotals, takeSample, type SampleSource, type SoakSample } from './sampler';

export interface SoakOptions {
  minutes: number;
  cameras: number;
  /** Processing FPS of every camera. */
  fps: number;
  /** Print and keep a sample every this many seconds. */
  everyS: number;
  /** A new camera fault every this many seconds. */
  flapEveryS: number;
  /** An ffmpeg child SIGKILLed every this many seconds. */
  killEveryS: number;
  /** 'mongo': the MongoDB wire-protocol double, taken away for OUTAGE_S about every `outageEveryS`. */
  database: 'sqlite' | 'mongo';
  outageEveryS: number;
  seed: number;
  port: number;
  onSample?: (sample: SoakSample) => void;
  /** Aborted (Ctrl-C, SIGTERM): the run stops and everything it started is stopped. */
  signal?: AbortSignal;
}

export interface SoakReport {
  options: Omit<SoakOptions, 'onSample' | 'signal'>;
  startedAt: string;
  samples: SoakSample[];
  flaps: Record<FlapKind, number>;
  ffmpegKills: Record<FfmpegRole, number>;
  databaseOutages: Outage[];
  /** Faults of the fault suite that the soak cannot cause from outside the product. */
  notInjected: string[];
  end: {
    /** Seconds from the last fault cleared until every camera was running again (null: not all did). */
    recoveryS: number | null;
    afterStorm: SoakSample;
    childrenAfterStop: number;
    /** Read once stored == published or after FLUSH_TIMEOUT_MS: the outbox had time to flush. */
    alertsStored: number;
    alertsPublished: number;
    /** Seconds from the cameras stopped until stored == published (null: not within the timeout). */
    flushS: number | null;
    /** Published alerts absent from the database (MongoDB only: its double lists what it holds). */
    alertsMissing: number | null;
    duplicateAlertEvents: number;
    exitCode: number | null;
    shutdownMs: number;
  };
}

const METRICS_TOKEN = 'soak-metrics-token';
const MONGO_DB = 'argus-soak';
const OUTAGE_S = 30;
const FLUSH_TIMEOUT_MS = 120_000;
/** The product's own shutdown deadline is 15 s; after this it is killed. */
const STOP_TIMEOUT_MS = 25_000;

/** Waits, unless the run is aborted (then throws). */
const sleep = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal });

async function until(timeoutMs: number, probe: () => Promise<boolean>, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(500, signal);
  }
  return false;
}

/** What the run started, stopped in reverse order however the run ends. */
class Teardown {
  private readonly steps: Array<() => unknown> = [];

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`soak: while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}

/** SIGTERM, then SIGKILL if it lingers, then SIGKILL for any ffmpeg child it left behind. */
async function stopProduct(server: RunningArgus): Promise<void> {
  const { process: child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ffmpeg = ffmpegChildren(server.pid);
  const kill = setTimeout(() => {
    ffmpeg.push(...ffmpegChildren(server.pid));
    child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await server.stop();
  clearTimeout(kill);
  for (const { pid } of ffmpeg) if (isFfmpeg(pid)) process.kill(pid, 'SIGKILL'); // orphaned by a SIGKILL
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
    await sleep(Math.min(options.everyS * 1000, Math.max(0, endAt - Date.now())), options.signal);
    const sample = await takeSample(source);
    samples.push(sample);
    options.onSample?.(sample);
  }
}

interface Rig {
  sim: CameraSimulator;
  server: RunningArgus;
  mongo: MongoWireServer | null;
  ids: Map<string, string>;
  source: SampleSource;
  alerts: { events: number; ids: Set<string> };
  /** What the database double holds (null with SQLite). */
  storedIds(): Set<string> | null;
}

async function setUp(options: SoakOptions, paths: string[], teardown: Teardown): Promise<Rig> {
  const clips = await ensureClips('tmp/camera-sim-clips');
  const sim = await startCameraSimulator({ paths: Object.fromEntries(paths.map((p) => [p, { clip: clips.faces }])) });
  teardown.add(() => sim.stop());
  const mongo = options.database === 'mongo' ? await startMongoWireServer() : null;
  if (mongo) teardown.add(() => mongo.stop());
  const env: Record<string, string> = { METRICS_TOKEN, WEB_ROOT: '', LOG_LEVEL: 'error', ...(mongo ? { MONGODB_URI: `${mongo.uri}${MONGO_DB}` } : {}) };
  const server = await startArgus(options.port, env);
  teardown.add(() => stopProduct(server));
  const alerts = { events: 0, ids: new Set<string>() };
  const socket = await connectSocket(server, (s) =>
    s.on('alert', (alert: { alertId: string }) => {
      alerts.events++;
      alerts.ids.add(alert.alertId);
    }),
  );
  teardown.add(() => socket.close());
  const ids = await addCameras(server, sim, paths, options.fps);
  const storedIds = () => (mongo ? new Set(mongo.documents(MONGO_DB, 'alerts').map((doc) => String(doc._id))) : null);
  const source: SampleSource = {
    pid: server.pid,
    url: server.url,
    metricsToken: METRICS_TOKEN,
    startedAt: Date.now(),
    stored: async () => storedIds()?.size ?? (await api<{ total: number }>(server, 'GET', '/api/alerts?limit=1')).total,
    published: () => alerts.ids.size,
    reconnects: new RunningTotals(),
    processed: new RunningTotals(),
  };
  return { sim, server, mongo, ids, source, alerts, storedIds };
}

interface Storm {
  samples: SoakSample[];
  flaps: Record<FlapKind, number>;
  ffmpegKills: Record<FfmpegRole, number>;
  databaseOutages: Outage[];
  recoveryS: number | null;
}

/** Faults for `minutes` while sampling; then the time until every camera runs again. */
async function storm(rig: Rig, options: SoakOptions, paths: string[], teardown: Teardown): Promise<Storm> {
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
  const killer = new FfmpegKiller({ everyMs: options.killEveryS * 1000, random: seededRandom(options.seed + 1), children: () => ffmpegChildren(server.pid) });
  const windows = rig.mongo ? outageWindows(options.minutes * 60, options.outageEveryS, OUTAGE_S) : [];
  const outages = rig.mongo ? new DatabaseOutages(rig.mongo, windows) : null;
  const calm = async () => {
    flapper.stop();
    killer.stop();
    await outages?.stop();
  };
  teardown.add(calm);
  const samples: SoakSample[] = [];
  flapper.start();
  killer.start();
  outages?.start();
  await sampleUntil(rig.source, Date.now() + options.minutes * 60_000, options, samples);
  await calm();
  const calmAt = Date.now();
  const recovered = await until(90_000, async () => (await runningCount(server)) === paths.length, options.signal);
  return {
    samples,
    flaps: flapper.counts(),
    ffmpegKills: { ...killer.kills },
    databaseOutages: outages?.outages ?? [],
    recoveryS: recovered ? Math.round((Date.now() - calmAt) / 100) / 10 : null,
  };
}

interface WindDown {
  children: number;
  alertsStored: number;
  flushS: number | null;
  alertsMissing: number | null;
  exitCode: number | null;
  shutdownMs: number;
}

/**
 * Stops every camera, waits for the ffmpeg children to go and for every published alert to be
 * stored (alerts kept in the outbox during an outage are written late), then SIGTERM.
 */
async function windDown(rig: Rig, signal?: AbortSignal): Promise<WindDown> {
  const { server } = rig;
  for (const id of rig.ids.values()) await api(server, 'POST', `/api/cameras/${id}/stop`);
  await until(15_000, async () => childPids(server.pid).length === 0, signal);
  const children = childPids(server.pid).length;
  await sleep(1000, signal); // the last alert events reach the socket
  const stoppedAt = Date.now();
  const flushed = await until(FLUSH_TIMEOUT_MS, async () => (await rig.source.stored()) === rig.alerts.ids.size, signal);
  const flushS = flushed ? Math.round((Date.now() - stoppedAt) / 100) / 10 : null;
  const alertsStored = await rig.source.stored();
  const storedIds = rig.storedIds();
  const alertsMissing = storedIds ? [...rig.alerts.ids].filter((id) => !storedIds.has(id)).length : null;
  const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
  const t0 = Date.now();
  await stopProduct(server);
  return { children, alertsStored, flushS, alertsMissing, exitCode: await exited, shutdownMs: Date.now() - t0 };
}

export const NOT_INJECTED = ['detection worker failures (the fault suite injects a throwing worker in-process; the product has no outside way)'];

/** The product under faults for `minutes`, then recovery, stop and shutdown checks. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const startedAt = new Date().toISOString();
  const paths = Array.from({ length: options.cameras }, (_, i) => `cam${i}`);
  const teardown = new Teardown();
  try {
    const rig = await setUp(options, paths, teardown);
    options.signal?.throwIfAborted();
    const { samples, flaps, ffmpegKills, databaseOutages, recoveryS } = await storm(rig, options, paths, teardown);
    await sleep(5000, options.signal); // let the last alerts land and any stray restart settle
    const afterStorm = await takeSample(rig.source);
    const { children: childrenAfterStop, exitCode, shutdownMs, ...stored } = await windDown(rig, options.signal);
    const { onSample: _, signal: __, ...plain } = options;
    const alertsPublished = rig.alerts.ids.size;
    const duplicateAlertEvents = rig.alerts.events - alertsPublished;
    return {
      options: plain,
      startedAt,
      samples,
      flaps,
      ffmpegKills,
      databaseOutages,
      notInjected: NOT_INJECTED,
      end: { recoveryS, afterStorm, childrenAfterStop, ...stored, alertsPublished, duplicateAlertEvents, exitCode, shutdownMs },
    };
  } finally {
    await teardown.run();
  }
}
