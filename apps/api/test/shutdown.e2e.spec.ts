import { ensureClips, startCameraSimulator, type CameraSimulator } from '@argus/tools/camera-sim';
import { TEST_CLIPS_DIR } from '@argus/tools/camera-sim/test-clips.testing';
import { ensureServerBuilt, ffmpegChildren, isGone, spawnBuiltServer, type BuiltServer } from './support/built-server';

// The real entry point (dist/server main.js) with a running simulator camera: signals, children, exit code.
jest.setTimeout(60_000);

interface Health {
  detection: { state: string };
  cameras: { byStatus: { running: number } | null; active: number };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const health = async (server: BuiltServer): Promise<Health> => (await fetch(`${server.url}/api/health`)).json() as Promise<Health>;

describe('the built server with a running camera', () => {
  let sim: CameraSimulator;
  let server: BuiltServer;
  const seen = new Set<number>();

  beforeAll(async () => {
    ensureServerBuilt();
    const clips = await ensureClips(TEST_CLIPS_DIR);
    sim = await startCameraSimulator({ paths: { door: { clip: clips.faces } } });
    server = await spawnBuiltServer({ DEMO_CAMERAS: `Door=${sim.url('door')}`, DETECTION_THREADS: '1', ADMIN_PASSWORD: 'shutdown-test-password' });
    await until('the camera running with a warm pool', 45_000, async () => {
      const h = await health(server);
      return h.cameras.byStatus?.running === 1 && h.detection.state === 'ready' ? h : undefined;
    });
    ffmpegChildren(server.child.pid as number).forEach((pid) => seen.add(pid));
  }, 300_000);

  afterAll(async () => {
    await server?.cleanUp();
    await sim?.stop();
  });

  it('survives an ffmpeg child killed with SIGKILL and reconnects', async () => {
    const pid = server.child.pid as number;
    const before = ffmpegChildren(pid);
    expect(before.length).toBeGreaterThanOrEqual(1);
    process.kill(before[0], 'SIGKILL');
    const after = await until('a replacement ffmpeg', 30_000, async () => {
      const now = ffmpegChildren(pid);
      return now.length >= before.length && !now.includes(before[0]) ? now : undefined;
    });
    after.forEach((p) => seen.add(p));
    await until('the camera running again', 30_000, async () => ((await health(server)).cameras.byStatus?.running === 1 ? true : undefined));
    expect(server.child.exitCode).toBeNull();
  });

  it('stops on SIGTERM with exit code 0, within the time limit, leaving no ffmpeg behind', async () => {
    ffmpegChildren(server.child.pid as number).forEach((p) => seen.add(p));
    expect(seen.size).toBeGreaterThan(0);
    const started = Date.now();
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect([...seen].filter((pid) => !isGone(pid))).toEqual([]);
    expect(server.output()).toMatch(/shutting down \(SIGTERM\)/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });
});
