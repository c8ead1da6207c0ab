import { CameraRuntime } from '@argus/domain';
import { SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { Flapper, seededRandom } from '@argus/tools/soak/flapper';
import { startFaultRig, type FaultRig } from './support/fault-rig';
import { liveHeapMb } from './support/gc';
import { ffmpegChildren, openFds, sleep, threadCount, until } from './support/processes';

// 16 cameras flapping for 2 minutes through the simulator's faults (down, drop, stall, refuse, reset,
// RTP garbage, restarts through the API) on a seeded schedule, the soak's flapper in short. Then:
// every camera running again within the backoff's reach, every alert stored once, and nothing
// (descriptors, ffmpeg children, heap) left over compared with before the storm.
jest.setTimeout(420_000);

const CAMERAS = 16;
const STORM_MS = 120_000;
const SEED = 8;
/** The real backoff (up to 60 s, jitter included) plus a connection and a first frame. */
const RECOVERY_MS = 90_000;
/** Running cameras settle (pool warm, decoders started, sockets open) before a figure is taken. */
const SETTLE_MS = 10_000;
/** Slack for what comes and goes on its own (HTTP keep-alive, a socket closing, a file being read). */
const FD_SLACK = 12;
const HEAP_SLACK_MB = 40;

interface Figures {
  fds: number;
  children: number;
  /** Cameras with a feed (a camera with two would count once). */
  feeds: number;
  heapMb: number;
  /** Shown, not judged: Node and ONNX Runtime size their thread pools as they like. */
  threads: number;
}

function figures(): Figures {
  const children = ffmpegChildren();
  const feeds = new Set(children.filter((c) => c.role === 'feed').map((c) => c.path)).size;
  return { fds: openFds(), children: children.length, feeds, heapMb: liveHeapMb(), threads: threadCount() };
}

describe('fault suite: 16 cameras flapping for 2 minutes', () => {
  let rig: FaultRig;
  let db: SqliteDatabase;
  const paths = Array.from({ length: CAMERAS }, (_, i) => `cam${i}`);
  const ids = new Map<string, string>();
  const alertEvents: string[] = [];

  beforeAll(async () => {
    rig = await startFaultRig({ paths: Object.fromEntries(paths.map((p) => [p, {}])) });
    db = rig.t.app.get(SqliteDatabase, { strict: false });
    rig.socket.on('alert', (a: { alertId: string }) => alertEvents.push(a.alertId));
    // 5 fps: sixteen decoders and one detection thread fit on two cores.
    for (const path of paths) ids.set(path, await rig.addCamera(path, { fps: 5 }));
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  const running = async () =>
    ((await rig.t.http().get('/api/health').expect(200)).body as { cameras: { byStatus: { running: number } } }).cameras.byStatus.running;
  const stored = () => (db.connection.prepare('SELECT id FROM alerts ORDER BY rowid').all() as Array<{ id: string }>).map((r) => r.id);

  /** Error events per kind of reason (the reason's first words) since `mark`, and cameras that had one. */
  function errorsSince(mark: number): { reasons: Record<string, number>; cameras: number } {
    const errors = rig.states.events.slice(mark).filter((e) => e.status === 'error');
    const reasons: Record<string, number> = {};
    for (const e of errors) {
      const kind = (e.error ?? '').replace(/rtsp:\/\/\S+: /, '').replace(/[;(].*$/, '').trim();
      reasons[kind] = (reasons[kind] ?? 0) + 1;
    }
    return { reasons, cameras: new Set(errors.map((e) => e.cameraId)).size };
  }

  /** Every camera's decoded frames keep rising (a camera "running" in name only would not). */
  async function framesFlowing(): Promise<void> {
    const runtime = rig.t.app.get(CameraRuntime);
    const decoded = () => [...ids.values()].map((id) => runtime.counters(id)?.framesDecoded ?? 0);
    const start = decoded();
    await until('frames from every camera', 30_000, () => (decoded().every((n, i) => n > start[i] + 5) ? true : undefined));
  }

  async function storm(): Promise<{ flaps: Record<string, number>; recoveryS: number; reconnects: number }> {
    const flapper = new Flapper(rig.sim, {
      paths,
      everyMs: 2000,
      maxFaulted: CAMERAS / 2,
      random: seededRandom(SEED),
      // Long enough for a stall or RTP noise to be noticed (10 s) and for the backoff to build up.
      minFaultMs: 5000,
      maxFaultMs: 20_000,
      restart: async (path) => {
        await rig.stop(ids.get(path) as string);
        await rig.start(ids.get(path) as string);
      },
    });
    flapper.start();
    await sleep(STORM_MS);
    flapper.stop();
    const calmAt = Date.now();
    await until(`all ${CAMERAS} cameras running`, RECOVERY_MS, async () => ((await running()) === CAMERAS ? true : undefined), 1000);
    const runtime = rig.t.app.get(CameraRuntime);
    const reconnects = [...ids.values()].reduce((sum, id) => sum + (runtime.counters(id)?.reconnects ?? 0), 0);
    return { flaps: flapper.counts(), recoveryS: Math.round((Date.now() - calmAt) / 100) / 10, reconnects };
  }

  it('brings every camera back after the storm, with no descriptor, child or heap left over', async () => {
    for (const id of ids.values()) await rig.start(id);
    await until(`all ${CAMERAS} cameras running`, 90_000, async () => ((await running()) === CAMERAS ? true : undefined), 1000);
    await sleep(SETTLE_MS);
    const before = figures();

    const mark = rig.states.mark();
    const { flaps, recoveryS, reconnects } = await storm();
    const errors = errorsSince(mark);
    await framesFlowing();
    await sleep(SETTLE_MS);
    const after = figures();
    process.stdout.write(
      `storm: faults ${JSON.stringify(flaps)}, ${reconnects} reconnects, errors on ${errors.cameras} cameras ${JSON.stringify(errors.reasons)}\n` +
        `  all running ${recoveryS} s after the last fault\n  before: ${JSON.stringify(before)}\n  after:  ${JSON.stringify(after)}\n`,
    );
    expect(Object.values(flaps).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30);
    expect(reconnects).toBeGreaterThanOrEqual(20);
    expect(errors.cameras).toBeGreaterThanOrEqual(CAMERAS / 2);
    // One feed and one decoder per camera, as before the storm: no child left over, none missing.
    expect(after.children).toBe(2 * CAMERAS);
    expect(after.feeds).toBe(CAMERAS);
    expect(before.children).toBe(2 * CAMERAS);
    expect(after.fds).toBeLessThanOrEqual(before.fds + FD_SLACK);
    expect(after.heapMb).toBeLessThanOrEqual(before.heapMb + HEAP_SLACK_MB);
  });

  it('stored every alert it published once, and leaves no ffmpeg behind once the cameras are stopped', async () => {
    for (const id of ids.values()) await rig.stop(id);
    await until('every ffmpeg child gone', 15_000, () => (ffmpegChildren().length === 0 ? true : undefined));
    await sleep(1000); // the last alert events reach the socket
    const published = new Set(alertEvents);
    expect(published.size).toBeGreaterThan(0);
    expect(alertEvents.length).toBe(published.size); // no alert published twice
    expect(stored().length).toBe(published.size);
    expect(new Set(stored())).toEqual(published);
    process.stdout.write(`storm: ${published.size} alerts published, ${stored().length} stored\n`);
  });
});
