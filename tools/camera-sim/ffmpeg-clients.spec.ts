import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIP_FPS, CLIP_SECONDS, ensureClips } from './clip-generation';
import { loadClip } from './rtsp-server';
import { availableFfmpegBuilds, greyFrames, runFfmpeg, startFfmpeg } from './ffmpeg-runner.testing';
import { readFrameCounter } from './frame-counter';
import { startCameraSimulator, type CameraSimulator } from './simulator';
import { testClips } from './test-clips.testing';

jest.setTimeout(60_000);

const builds = availableFfmpegBuilds();
const system = builds[0];
let simulator: CameraSimulator;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

/** ffmpeg reading `frames` decoded grey frames (optionally scaled down) from an RTSP URL to stdout. */
function readArgs(url: string, transport: 'tcp' | 'udp', frames: number, size = '640x360'): string[] {
  const scale = size === '640x360' ? [] : ['-vf', `scale=${size.replace('x', ':')}`];
  // -vsync passthrough: one output picture per picture received. At the default constant rate, a
  // client slowed down by a loaded machine had pictures dropped or repeated by ffmpeg itself.
  return ['-rtsp_transport', transport, '-i', url, '-frames:v', String(frames), ...scale, '-vsync', 'passthrough', '-pix_fmt', 'gray', '-f', 'rawvideo', 'pipe:1'];
}

beforeAll(async () => {
  const clips = await testClips();
  simulator = await startCameraSimulator({ paths: { faces: { clip: clips.faces }, empty: { clip: clips.empty }, faulty: { clip: clips.empty } } });
});

afterEach(() => simulator.setFault('faulty', {}));

afterAll(() => simulator.stop());

it('finds at least one ffmpeg build to test with', () => {
  expect(builds.length).toBeGreaterThan(0);
});

describe.each(builds)('ffmpeg ($name) as the client', ({ path: ffmpeg }) => {
  it.each(['tcp', 'udp'] as const)('reads 30 frames of 640×360 over %s with the frame counter running', async (transport) => {
    const run = await runFfmpeg(ffmpeg, readArgs(simulator.url('faces'), transport, 30));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const frames = greyFrames(run.stdout, 640, 360);
    expect(frames).toHaveLength(30);
    expect(run.stdout.length).toBe(30 * 640 * 360);
    const counters = frames.map((frame) => readFrameCounter(frame, 640, 360));
    expect(counters[0]).toBe(0); // a new session starts at the clip's first frame
    expect(counters.every((n, i) => n !== null && (i === 0 || n >= (counters[i - 1] as number)))).toBe(true);
    expect(new Set(counters).size).toBeGreaterThanOrEqual(25);
  });

  it('logs in with credentials in the URL, with Basic and with Digest', async () => {
    const clips = await testClips();
    for (const scheme of ['basic', 'digest'] as const) {
      const secured = await startCameraSimulator({ paths: { cam: { clip: clips.empty } }, auth: { username: 'viewer', password: 'p@ss:w0rd', scheme } });
      try {
        const ok = await runFfmpeg(ffmpeg, readArgs(secured.url('cam', { username: 'viewer', password: 'p@ss:w0rd' }), 'tcp', 3, '64x36'));
        expect({ scheme, code: ok.code, frames: ok.stdout.length / (64 * 36) }).toEqual({ scheme, code: 0, frames: 3 });
        const denied = await runFfmpeg(ffmpeg, readArgs(secured.url('cam', { username: 'viewer', password: 'wrong' }), 'tcp', 3, '64x36'));
        expect(denied.code).not.toBe(0);
        expect(denied.stderr).toMatch(/401|Unauthorized/);
      } finally {
        await secured.stop();
      }
    }
  });

  it('sees the stream end when the camera drops the connection', async () => {
    simulator.setFault('faulty', { dropAfterMs: 1200 });
    const run = await runFfmpeg(ffmpeg, readArgs(simulator.url('faulty'), 'tcp', 1000, '64x36'));
    const frames = run.stdout.length / (64 * 36);
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(100);
    expect(run.ms).toBeLessThan(15_000);
  });

  it('gets no more frames from a stalled camera, whose connection stays open', async () => {
    const reader = startFfmpeg(ffmpeg, readArgs(simulator.url('faulty'), 'tcp', 1000, '64x36'));
    await waitUntil(() => reader.outputBytes() > 0);
    simulator.setFault('faulty', { stall: true });
    await sleep(1000); // frames already in flight
    const stalledAt = reader.outputBytes();
    await sleep(1500);
    expect(reader.outputBytes()).toBe(stalledAt);
    expect(simulator.stats().paths['faulty']).toMatchObject({ connections: 1, playing: 1 });
    reader.kill();
    await reader.done;
  });

  it('fails on a refusing camera (503) and on a camera that is down, and plays once it is up', async () => {
    simulator.setFault('faulty', { refuse: true });
    const refused = await runFfmpeg(ffmpeg, readArgs(simulator.url('faulty'), 'tcp', 3, '64x36'));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/503|Service Unavailable|5XX/);
    simulator.setFault('faulty', {});
    simulator.down('faulty');
    const down = await runFfmpeg(ffmpeg, readArgs(simulator.url('faulty'), 'tcp', 3, '64x36'));
    expect(down.code).not.toBe(0);
    simulator.up('faulty');
    const back = await runFfmpeg(ffmpeg, readArgs(simulator.url('faulty'), 'tcp', 3, '64x36'));
    expect(back.code).toBe(0);
  });

  it('generates clips that load with the expected format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'camera-sim-clips-'));
    try {
      const clips = await ensureClips(dir, ffmpeg);
      for (const file of [clips.faces, clips.empty]) {
        const clip = loadClip(file);
        expect({ width: clip.width, height: clip.height, fps: clip.fps, frames: clip.frames.length }).toEqual({
          width: 640,
          height: 360,
          fps: CLIP_FPS,
          frames: CLIP_FPS * CLIP_SECONDS,
        });
        const keyframes = clip.frames.flatMap((frame, i) => (frame.keyframe ? [i] : []));
        expect(keyframes.slice(0, 3)).toEqual([0, CLIP_FPS, 2 * CLIP_FPS]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('serves a face-free clip of the same format', async () => {
  const run = await runFfmpeg(system.path, readArgs(simulator.url('empty'), 'tcp', 5));
  expect(run.code).toBe(0);
  const frames = greyFrames(run.stdout, 640, 360);
  expect(frames.map((frame) => readFrameCounter(frame, 640, 360))).toEqual([0, 1, 2, 3, 4]);
});
