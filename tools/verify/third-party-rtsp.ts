// Argus against an RTSP server it did not write: GStreamer's gst-rtsp-server (Debian packages) loops
// the simulator's recorded clips on 4 face mounts and 1 face-free mount. Checks that every face
// camera runs and alerts with a JPEG snapshot, that the face-free camera never alerts, that every
// camera leaves `running` with a reason when the server is killed and runs (and alerts) again once
// it is back on the same port. Prints a per-camera report; exits 1 on any failed check, 2 when the
// environment lacks GStreamer's RTSP server.
// Usage: npm run verify:rtsp [-- --face-cameras 4 --observe 60 --outage 15 --recovery-deadline 90]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Socket } from 'socket.io-client';
import { ffmpegFromEnvironment } from '../camera-sim/ffmpeg-path';
import { ensureClips } from '../camera-sim/clip-generation';
import { api, connectSocket, startArgus, type RunningArgus } from '../bench/support/argus-server';
import { childPids } from '../bench/support/process-usage';
import { freePort } from '../testing/free-port';

const ROOT = join(__dirname, '..', '..');
const SERVER_SCRIPT = join(__dirname, 'gst-rtsp-server.py');
const CLIP_DIR = join(ROOT, 'tmp', 'verify-rtsp-clips');
const CLIP_FPS = 15;
const DEBIAN_PACKAGES = [
  'python3-gi', 'gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-rtsp', 'gstreamer1.0-plugins-base',
  'gstreamer1.0-plugins-good', 'gstreamer1.0-plugins-bad', 'gstreamer1.0-tools',
];
const METRICS_TOKEN = 'verify-rtsp-metrics';
const ALERT_COOLDOWN_S = '3';

const { values: options } = parseArgs({
  options: {
    'face-cameras': { type: 'string', default: '4' },
    /** Seconds from the start before the server is killed (the face-free camera is watched throughout). */
    observe: { type: 'string', default: '60' },
    outage: { type: 'string', default: '15' },
    'running-deadline': { type: 'string', default: '30' },
    'alert-deadline': { type: 'string', default: '45' },
    'recovery-deadline': { type: 'string', default: '90' },
    /** After the restart: how long face cameras have to alert again. */
    'realert-deadline': { type: 'string', default: '120' },
    /** rtph264pay's config-interval on the server: -1 repeats SPS/PPS in front of every IDR slice. */
    'config-interval': { type: 'string', default: '-1' },
  },
});
const FACE_CAMERAS = Number(options['face-cameras']);
const OBSERVE_S = Number(options.observe);
/** Cameras settle this long before the received frame rate is measured, up to --observe. */
const RATE_FROM_S = 20;
if (!(OBSERVE_S >= RATE_FROM_S + 10)) {
  process.stderr.write(`--observe must be at least ${RATE_FROM_S + 10} s: the frame rate is measured from ${RATE_FROM_S} s to --observe\n`);
  process.exit(2);
}
const OUTAGE_S = Number(options.outage);
const RUNNING_DEADLINE_S = Number(options['running-deadline']);
const ALERT_DEADLINE_S = Number(options['alert-deadline']);
const RECOVERY_DEADLINE_S = Number(options['recovery-deadline']);
const REALERT_DEADLINE_S = Number(options['realert-deadline']);
const CONFIG_INTERVAL = String(Number(options['config-interval']));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

interface AlertEvent {
  alertId: string;
  cameraId: string;
  timestamp: string;
  snapshotUrl?: string;
}
interface CameraStateEvent {
  cameraId: string;
  status: 'starting' | 'running' | 'stopped' | 'error';
  fps: number;
  error?: string;
}

interface CameraRecord {
  name: string;
  mount: string;
  faces: boolean;
  id: string;
  status: string;
  /** Status changes, with the time (ms since the start). */
  history: Array<{ at: number; status: string; error?: string }>;
  alerts: Array<{ at: number; alert: AlertEvent }>;
  runningAt: number | null;
  firstAlertAt: number | null;
  snapshotsChecked: number;
  snapshotFailures: string[];
  /** After the server was killed: when the camera left `running`, and why. */
  leftRunningAt: number | null;
  leftReason: string | null;
  statusesDuringOutage: Set<string>;
  runningAgainAt: number | null;
  firstAlertAfterRestartAt: number | null;
  unitsPerSecond: number | null;
  decodedPerSecond: number | null;
}

class Checks {
  readonly failures: string[] = [];
  check(ok: boolean, what: string): boolean {
    if (!ok) this.failures.push(what);
    return ok;
  }
}

/** The Python that has GStreamer's RTSP server bindings (Debian's, not a pyenv or venv one). */
function findGstPython(): string | null {
  const probe = "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer";
  for (const candidate of [process.env['GST_PYTHON'], '/usr/bin/python3', 'python3'].filter(Boolean) as string[]) {
    const run = spawnSync(candidate, ['-c', probe], { stdio: 'ignore', timeout: 20_000 });
    if (run.status === 0) return candidate;
  }
  return null;
}

function versionLine(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return (run.stdout || run.stderr || '').split('\n')[0].trim() || `${command}: unknown version`;
}

/** One run of the GStreamer server; `stop()` kills it (SIGKILL: like a crash or a power cut). */
class GstServer {
  private child: ChildProcess | null = null;
  private readonly log: string[] = [];
  constructor(
    private readonly python: string,
    readonly port: number,
    private readonly mounts: Array<{ mount: string; clip: string }>,
  ) {}

  async start(): Promise<void> {
    const args = [SERVER_SCRIPT, '--host', '127.0.0.1', '--port', String(this.port), '--config-interval', CONFIG_INTERVAL];
    for (const { mount, clip } of this.mounts) args.push('--mount', `${mount}=${clip}`);
    const child = spawn(this.python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the GStreamer server did not start:\n${this.tail()}`)), 30_000);
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('READY ')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the GStreamer server exited (${code ?? signal}):\n${this.tail()}`));
      });
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  url(mount: string): string {
    return `rtsp://127.0.0.1:${this.port}/${mount}`;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  tail(lines = 20): string {
    return this.log.slice(-lines).join('\n');
  }

  private keep(chunk: Buffer): void {
    for (const line of chunk.toString().split('\n')) if (line.trim()) this.log.push(line);
    if (this.log.length > 500) this.log.splice(0, this.log.length - 500);
  }
}

/** Per-camera counters from /metrics. */
async function cameraCounters(server: RunningArgus): Promise<Map<string, Record<string, number>>> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const counters = new Map<string, Record<string, number>>();
  for (const match of text.matchAll(/^(argus_camera_\w+)\{camera="([^"]+)"\} ([\d.e+-]+)$/gm)) {
    const [, name, camera, value] = match;
    counters.set(camera, { ...(counters.get(camera) ?? {}), [name]: Number(value) });
  }
  return counters;
}

async function checkSnapshot(server: RunningArgus, alert: AlertEvent): Promise<string | null> {
  if (!alert.snapshotUrl) return 'the alert has no snapshotUrl';
  const url = new URL(alert.snapshotUrl, server.url);
  const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) return `${url.pathname}: HTTP ${res.status}`;
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('image/jpeg')) return `${url.pathname}: content-type ${type}`;
  if (body.length < 2 || body[0] !== 0xff || body[1] !== 0xd8) return `${url.pathname}: not a JPEG (does not start with FF D8)`;
  return null;
}

async function waitFor(predicate: () => boolean, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await sleep(200);
  }
  return predicate();
}

/** Every process Argus started (ffmpeg feeds and decoders), so none outlives a run that failed. */
function descendants(pid: number): number[] {
  const direct = childPids(pid);
  return [...direct, ...direct.flatMap((child) => descendants(child))];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const python = findGstPython();
  if (!python) {
    process.stderr.write(
      'GStreamer\'s RTSP server (python3-gi with GstRtspServer 1.0) is not installed.\n' +
        `Install the Debian packages: apt-get install -y ${DEBIAN_PACKAGES.join(' ')}\n` +
        '(or point GST_PYTHON at a python3 that has them)\n',
    );
    return 2;
  }
  const ffmpeg = ffmpegFromEnvironment();
  mkdirSync(CLIP_DIR, { recursive: true });
  const clips = await ensureClips(CLIP_DIR, ffmpeg);
  const cameras: CameraRecord[] = [];
  for (let i = 1; i <= FACE_CAMERAS; i++) cameras.push(newCamera(`face-${i}`, `face${i}`, true));
  cameras.push(newCamera('no-face', 'empty', false));
  const mounts = cameras.map((c) => ({ mount: c.mount, clip: c.faces ? clips.faces : clips.empty }));

  const checks = new Checks();
  const rtspPort = await freePort();
  const gst = new GstServer(python, rtspPort, mounts);
  let argus: RunningArgus | null = null;
  let socket: Socket | null = null;
  let argusChildren = new Set<number>();
  const cleanup = async () => {
    socket?.close();
    await gst.stop().catch(() => undefined);
    if (argus) {
      for (const pid of descendants(argus.pid)) argusChildren.add(pid);
      const stopping = argus.stop();
      argus = null;
      const stopped = await Promise.race([stopping.then(() => true), sleep(20_000).then(() => false)]);
      if (!stopped) process.stderr.write('Argus did not stop within 20 s after SIGTERM; killing it\n');
    }
    // Argus stops its ffmpeg children on SIGTERM; anything left (Argus hung or crashed) is killed here.
    for (const pid of argusChildren) if (alive(pid)) process.kill(pid, 'SIGKILL');
    argusChildren = new Set();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);

  try {
    await gst.start();
    const argusPort = await freePort();
    argus = await startArgus(argusPort, {
      WEB_ROOT: '',
      ALERT_COOLDOWN_S,
      METRICS_TOKEN,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'error',
    });
    const server = argus;
    process.stdout.write(
      [
        'Argus against a third-party RTSP server (GStreamer gst-rtsp-server)',
        `  RTSP server: ${versionLine(python, ['-c', "import gi; gi.require_version('Gst', '1.0'); from gi.repository import Gst; Gst.init(None); print(Gst.version_string())"])}, ${gst.url('')}, rtph264pay config-interval=${CONFIG_INTERVAL}`,
        `  ffmpeg used by Argus: ${versionLine(ffmpeg, ['-version'])} (${ffmpeg})`,
        `  RTSP transport: ${process.env['RTSP_TRANSPORT'] ?? 'tcp'}; alert cooldown ${ALERT_COOLDOWN_S} s; clips ${clips.faces}, ${clips.empty}`,
        '',
      ].join('\n'),
    );
    socket = await connectSocket(server);
    const byId = new Map<string, CameraRecord>();
    let t0 = Date.now();
    const now = () => Date.now() - t0;
    let phase: 'start' | 'outage' | 'restart' = 'start';
    let killedAt = 0;
    let restartedAt = 0;
    const snapshotChecks: Array<Promise<void>> = [];
    socket.on('camera_state', (e: CameraStateEvent) => {
      const cam = byId.get(e.cameraId);
      if (!cam || cam.status === e.status) return;
      const at = now();
      cam.status = e.status;
      cam.history.push({ at, status: e.status, ...(e.error ? { error: e.error } : {}) });
      if (phase === 'start' && e.status === 'running' && cam.runningAt === null) cam.runningAt = at;
      if (phase !== 'start') cam.statusesDuringOutage.add(e.status);
      if (phase !== 'start' && e.status !== 'running' && cam.leftRunningAt === null) {
        cam.leftRunningAt = at - killedAt;
        cam.leftReason = e.error ?? null;
      }
      if (phase === 'restart' && e.status === 'running' && cam.runningAgainAt === null) cam.runningAgainAt = at - restartedAt;
    });
    socket.on('alert', (alert: AlertEvent) => {
      const cam = byId.get(alert.cameraId);
      if (!cam) return;
      const at = now();
      cam.alerts.push({ at, alert });
      if (cam.firstAlertAt === null) cam.firstAlertAt = at;
      if (phase === 'restart' && cam.firstAlertAfterRestartAt === null) cam.firstAlertAfterRestartAt = at - restartedAt;
      snapshotChecks.push(
        checkSnapshot(server, alert)
          .catch((error: Error) => `snapshot fetch failed: ${error.message}`)
          .then((failure) => {
            cam.snapshotsChecked++;
            if (failure) cam.snapshotFailures.push(failure);
          }),
      );
    });

    for (const cam of cameras) {
      const created = await api<{ id: string }>(server, 'POST', '/api/cameras', {
        name: cam.name,
        location: 'gst-rtsp-server',
        rtspUrl: gst.url(cam.mount),
      });
      cam.id = created.id;
      byId.set(cam.id, cam);
    }
    t0 = Date.now();
    for (const cam of cameras) await api(server, 'POST', `/api/cameras/${cam.id}/start`);

    // 1. Every camera runs; every face camera alerts; the face-free one stays quiet (watched throughout).
    const faceCams = cameras.filter((c) => c.faces);
    await waitFor(() => cameras.every((c) => c.runningAt !== null), t0 + RUNNING_DEADLINE_S * 1000);
    await waitFor(() => faceCams.every((c) => c.firstAlertAt !== null), t0 + ALERT_DEADLINE_S * 1000);
    // Frame rate as received: one encoded unit per picture of the clip (15 fps).
    await waitFor(() => false, t0 + RATE_FROM_S * 1000);
    const before = await cameraCounters(server);
    const windowStart = Date.now();
    await waitFor(() => false, t0 + OBSERVE_S * 1000);
    const after = await cameraCounters(server);
    const windowS = (Date.now() - windowStart) / 1000;
    for (const cam of cameras) {
      const a = after.get(cam.id);
      const b = before.get(cam.id);
      if (!a || !b) continue;
      cam.unitsPerSecond = (a['argus_camera_frames_in_total'] - b['argus_camera_frames_in_total']) / windowS;
      cam.decodedPerSecond = (a['argus_camera_frames_decoded_total'] - b['argus_camera_frames_decoded_total']) / windowS;
    }
    const alertsBeforeOutage = new Map(cameras.map((c) => [c.id, c.alerts.length]));

    // 2. The server dies: every camera leaves `running` with a reason and retries with backoff.
    phase = 'outage';
    killedAt = now();
    process.stdout.write(`${seconds(killedAt)}: killing the GStreamer server (SIGKILL)\n`);
    await gst.stop();
    await sleep(OUTAGE_S * 1000);

    // 3. Back on the same port: every camera runs again, face cameras alert again.
    process.stdout.write(`${seconds(now())}: starting the GStreamer server again on port ${rtspPort}\n`);
    await gst.start();
    phase = 'restart';
    restartedAt = now();
    await waitFor(() => cameras.every((c) => c.runningAgainAt !== null), t0 + restartedAt + RECOVERY_DEADLINE_S * 1000);
    await waitFor(() => faceCams.every((c) => c.firstAlertAfterRestartAt !== null), t0 + restartedAt + REALERT_DEADLINE_S * 1000);
    // A few more seconds on the face-free camera; then the cameras stop, so that every alert raised
    // has arrived (and had its snapshot fetched) before they are counted against the stored ones.
    await sleep(3000);
    const endedAt = now();
    for (const cam of cameras) await api(server, 'POST', `/api/cameras/${cam.id}/stop`);
    await sleep(1000);
    for (let settled = 0; settled < snapshotChecks.length; ) {
      const pending = snapshotChecks.length;
      await Promise.all(snapshotChecks);
      settled = pending;
    }

    // Everything published was stored.
    const stored = new Map<string, number>();
    for (const cam of cameras) {
      const page = await api<{ total: number }>(server, 'GET', `/api/alerts?cameraId=${cam.id}&limit=1`);
      stored.set(cam.id, page.total);
    }

    for (const cam of cameras) {
      const label = `${cam.name}:`;
      const rate = cam.unitsPerSecond;
      checks.check(cam.runningAt !== null && cam.runningAt <= RUNNING_DEADLINE_S * 1000, `${label} running within ${RUNNING_DEADLINE_S} s of the start`);
      checks.check(rate !== null && Math.abs(rate - CLIP_FPS) <= 0.5, `${label} ${rate?.toFixed(2) ?? 'no'} encoded frames/s received, the clip has ${CLIP_FPS}`);
      checks.check(cam.leftRunningAt !== null && cam.leftRunningAt <= OUTAGE_S * 1000, `${label} left 'running' within ${OUTAGE_S} s of the server's death`);
      checks.check(cam.statusesDuringOutage.has('error') && !!cam.leftReason, `${label} went to 'error' with a reason during the outage`);
      checks.check(cam.runningAgainAt !== null && cam.runningAgainAt <= RECOVERY_DEADLINE_S * 1000, `${label} running again within ${RECOVERY_DEADLINE_S} s of the restart`);
      checks.check(stored.get(cam.id) === cam.alerts.length, `${label} ${cam.alerts.length} alerts published, ${stored.get(cam.id)} stored`);
      if (cam.faces) {
        checks.check(cam.firstAlertAt !== null && cam.firstAlertAt <= ALERT_DEADLINE_S * 1000, `${label} first alert within ${ALERT_DEADLINE_S} s of the start`);
        checks.check(cam.firstAlertAfterRestartAt !== null && cam.firstAlertAfterRestartAt <= REALERT_DEADLINE_S * 1000, `${label} alerts again within ${REALERT_DEADLINE_S} s of the restart`);
        checks.check(cam.snapshotFailures.length === 0 && cam.snapshotsChecked === cam.alerts.length, `${label} every snapshot is a JPEG: ${cam.snapshotFailures.slice(0, 3).join('; ')}`);
      } else {
        checks.check(cam.alerts.length === 0, `${label} the face-free camera raised ${cam.alerts.length} alerts in ${seconds(endedAt)}`);
      }
    }
    report(cameras, alertsBeforeOutage, stored, { killedAt, restartedAt, endedAt });
  } catch (error) {
    checks.failures.push(`the run stopped: ${(error as Error).message}`);
    process.stderr.write(`${(error as Error).stack}\nGStreamer server log:\n${gst.tail()}\n`);
  } finally {
    await cleanup();
  }
  const leftover = [...argusChildren].filter(alive);
  checks.check(leftover.length === 0, `processes left running: ${leftover.join(', ')}`);
  if (checks.failures.length > 0) {
    process.stdout.write(`\nFAILED (${checks.failures.length}):\n${checks.failures.map((f) => `  - ${f}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('\nPASSED: every check held\n');
  return 0;
}

function newCamera(name: string, mount: string, faces: boolean): CameraRecord {
  return {
    name, mount, faces, id: '', status: 'stopped', history: [], alerts: [], runningAt: null, firstAlertAt: null,
    snapshotsChecked: 0, snapshotFailures: [], leftRunningAt: null, leftReason: null, statusesDuringOutage: new Set(),
    runningAgainAt: null, firstAlertAfterRestartAt: null, unitsPerSecond: null, decodedPerSecond: null,
  };
}

function report(
  cameras: CameraRecord[],
  alertsBeforeOutage: Map<string, number>,
  stored: Map<string, number>,
  times: { killedAt: number; restartedAt: number; endedAt: number },
): void {
  const rows = cameras.map((c) => {
    const before = alertsBeforeOutage.get(c.id) ?? 0;
    return {
      camera: c.name,
      mount: `/${c.mount}`,
      'running after': seconds(c.runningAt),
      '1st alert after': seconds(c.firstAlertAt),
      'frames/s in (decoded)': c.unitsPerSecond === null ? '—' : `${c.unitsPerSecond.toFixed(2)} (${c.decodedPerSecond?.toFixed(2)})`,
      'alerts before kill / after': `${before} / ${c.alerts.length - before}`,
      'stored': String(stored.get(c.id) ?? '—'),
      snapshots: `${c.snapshotsChecked - c.snapshotFailures.length}/${c.snapshotsChecked} JPEG`,
      'left running after kill': seconds(c.leftRunningAt),
      'running again after restart': seconds(c.runningAgainAt),
      '1st alert after restart': seconds(c.firstAlertAfterRestartAt),
    };
  });
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => (r as Record<string, string>)[h].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(
    [
      '',
      `Times from the cameras' start; server killed at ${seconds(times.killedAt)}, restarted at ${seconds(times.restartedAt)}, run ended at ${seconds(times.endedAt)}`,
      line(headers),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map((r) => line(headers.map((h) => (r as Record<string, string>)[h]))),
      '',
      'States after the kill (s after the kill: status, reason):',
      ...cameras.map((c) => {
        const states = c.history
          .filter((h) => h.at >= times.killedAt)
          .map((h) => `${((h.at - times.killedAt) / 1000).toFixed(1)} ${h.status}${h.error ? ` (${h.error})` : ''}`);
        return `  ${c.name}: ${states.join(' → ')}`;
      }),
      '',
      'Alerts (s after the start):',
      ...cameras.map((c) => `  ${c.name}: ${c.alerts.map((a) => (a.at / 1000).toFixed(1)).join(', ') || 'none'}`),
      '',
    ].join('\n'),
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
