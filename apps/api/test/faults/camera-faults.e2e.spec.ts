import type { CameraSimulator } from '@argus/tools/camera-sim';
import { bearer } from '../../src/testing/test-app';
import { CAMERA_PASSWORD, startFaultRig, type FaultRig } from './support/fault-rig';
import { ffmpegChildren, sleep, until } from './support/processes';

// Each misbehaviour of a camera, on its own simulated camera, all at once (they are independent):
// the camera shows `error` with a reason free of its password, and runs again once the fault is gone.
jest.setTimeout(180_000);

interface FaultCase {
  path: string;
  /** Makes the camera misbehave. */
  inject(sim: CameraSimulator, path: string): void;
  /** The reason the camera's error must give. */
  reason: RegExp;
}

/** A camera that comes back from a reboot misbehaving: connections cut, new ones see the fault. */
const afterReboot = (fault: Parameters<CameraSimulator['setFault']>[1]) => (sim: CameraSimulator, path: string) => {
  sim.setFault(path, { down: true });
  sim.setFault(path, fault);
};

const CASES: FaultCase[] = [
  { path: 'refuse', inject: afterReboot({ refuse: true }), reason: /503 Service Unavailable/ },
  { path: 'reset', inject: afterReboot({ refuse: 'reset' }), reason: /Invalid data|Connection reset|stream ended/i },
  { path: 'drop', inject: (sim, path) => sim.setFault(path, { dropAfterMs: 3000 }), reason: /stream ended/ },
  { path: 'stall', inject: (sim, path) => sim.setFault(path, { stall: true }), reason: /no video (for|within) \d+ s/ },
  { path: 'garbage-rtsp', inject: afterReboot({ garbage: 'rtsp' }), reason: /Invalid data/ },
  { path: 'garbage-rtp', inject: (sim, path) => sim.setFault(path, { garbage: 'rtp' }), reason: /damaged video|no video/ },
];

/** Longer than the damaged-video window and the watchdog: a camera still faulty would fail again in it. */
const STABLE_MS = 12_000;

describe('fault suite: a camera that refuses, drops, stalls or sends garbage', () => {
  let rig: FaultRig;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    rig = await startFaultRig({ paths: Object.fromEntries(CASES.map((c) => [c.path, {}])) });
    // 2 fps: every camera has its decoder running, at little cost.
    for (const { path } of CASES) ids.set(path, await rig.addCamera(path, { fps: 2 }));
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  const credentialFree = (reason: string) => {
    expect(reason).not.toContain(CAMERA_PASSWORD);
    expect(reason).not.toMatch(/rtsp:\/\/[^\s/@]*:(?!\*\*\*@)[^\s/@]+@/); // user:password@ unless masked
  };

  /** Fault → error with its reason → fault cleared → running, and still running STABLE_MS later. */
  async function faultAndRecover(c: FaultCase): Promise<string> {
    const id = ids.get(c.path) as string;
    const before = rig.states.mark();
    c.inject(rig.sim, c.path);
    const failed = await until(`${c.path}: an error matching ${c.reason}`, 60_000, () =>
      rig.states.of(id, before).find((e) => e.status === 'error' && c.reason.test(e.error ?? '')),
    );
    rig.sim.setFault(c.path, {});
    const cleared = rig.states.mark();
    await rig.states.waitFor(id, 'running', 45_000, cleared);
    const recovered = rig.states.mark();
    await sleep(STABLE_MS);
    expect(rig.states.of(id, recovered).filter((e) => e.status !== 'running')).toEqual([]);
    return failed.error as string;
  }

  it('reports each fault with a credential-free reason and recovers when it clears', async () => {
    for (const id of ids.values()) await rig.start(id);
    await Promise.all([...ids.values()].map((id) => rig.states.waitFor(id, 'running', 60_000)));
    const reasons = await Promise.all(CASES.map((c) => faultAndRecover(c)));
    reasons.forEach(credentialFree);
    // What was stored (and is answered to the console) is as clean as what was published.
    for (const id of ids.values()) {
      const errors = rig.states.of(id).filter((e) => e.status === 'error').map((e) => e.error ?? '');
      errors.forEach(credentialFree);
      const camera = await rig.t.http().get(`/api/cameras/${id}`).set(bearer(rig.token)).expect(200);
      expect(camera.body.status).toBe('running');
      expect(JSON.stringify(camera.body)).not.toContain(CAMERA_PASSWORD);
    }
  });

  it('keeps one feed per camera and leaves no ffmpeg behind once the cameras are stopped', async () => {
    const children = ffmpegChildren();
    const feeds = children.filter((c) => c.role === 'feed').map((c) => c.path).sort();
    expect(feeds).toEqual(CASES.map((c) => c.path).sort());
    expect(children.filter((c) => c.role === 'decoder')).toHaveLength(CASES.length);
    for (const id of ids.values()) await rig.stop(id);
    // Each stop ends in SIGKILL after the 2 s grace period at worst.
    await until('every ffmpeg child gone', 10_000, () => (ffmpegChildren().length === 0 ? true : undefined));
  });
});
