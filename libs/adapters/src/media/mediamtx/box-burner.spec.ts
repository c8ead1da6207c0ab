import type { EncodedVideoUnit, LiveDetections } from '@argus/domain';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeFfmpeg } from '../ffmpeg/ffmpeg-binary';
import { anyFfmpeg, eventually, processGone, testedFfmpegBinaries } from '@argus/tools/testing/media/ffmpeg-binaries';
import { NalType, findNal, groupAccessUnits, isKeyframe, parseSps, splitAnnexB, toAnnexB } from '../h264';
import { MAIN_360P_PPS, MAIN_360P_SPS } from '@argus/tools/testing/media/h264-samples';
import { BoxBurner } from './box-burner';

jest.setTimeout(20_000);

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 15;
const INFO = { codec: 'h264' as const, width: WIDTH, height: HEIGHT, transcoded: false };
/** In a 320x180 processing frame: (160, 90)–(320, 210) in the video, 3 px outlines. */
const FACE: LiveDetections = { frameWidth: 320, frameHeight: 180, capturedAt: 0, pts90k: 0, boxes: [{ x: 80, y: 45, width: 80, height: 60, score: 0.9 }] };
const NO_FACE: LiveDetections = { ...FACE, boxes: [] };

let dir: string;

function run(command: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${stderr.toString() || error.message}`)) : resolve(stdout),
    );
  });
}

/** A camera clip: a flat blue-grey picture (no green anywhere), Main profile, a keyframe a second. */
async function cameraUnits(seconds: number, width = WIDTH, height = HEIGHT): Promise<Uint8Array[][]> {
  const out = join(dir, `camera-${seconds}-${width}x${height}.h264`);
  await run(anyFfmpeg(), [
    '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x4060a0:size=${width}x${height}:rate=${FPS}`,
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-bf', '0', '-g', String(FPS), '-f', 'h264', out,
  ]);
  return groupAccessUnits(splitAnnexB(new Uint8Array(readFileSync(out))));
}

function asUnit(nals: Uint8Array[], i: number): EncodedVideoUnit {
  return { data: toAnnexB(nals), pts90k: i * (90_000 / FPS), keyframe: isKeyframe(nals), receivedAt: Date.now() };
}

/** Pushes the units in (a little faster than) real time. */
async function feed(burner: BoxBurner, units: Uint8Array[][], beforeEach?: (i: number) => void): Promise<void> {
  for (let i = 0; i < units.length; i++) {
    beforeEach?.(i);
    burner.push(asUnit(units[i], i));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The burner's output decoded to RGB24 pictures. */
async function decode(units: EncodedVideoUnit[], width = WIDTH, height = HEIGHT): Promise<Buffer[]> {
  const file = join(dir, `out-${Date.now()}.h264`);
  writeFileSync(file, Buffer.concat(units.map((u) => u.data)));
  // Every decoded picture, one each: the stream's timing (wall-clock times from the burner) must not
  // make ffmpeg drop or repeat pictures to reach a constant rate.
  const rgb = await run(anyFfmpeg(), ['-v', 'error', '-f', 'h264', '-i', file, '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const size = width * height * 3;
  return Array.from({ length: rgb.length / size }, (_, i) => rgb.subarray(i * size, (i + 1) * size));
}

function pixel(frame: Buffer, x: number, y: number, width = WIDTH): [number, number, number] {
  const at = (y * width + x) * 3;
  return [frame[at], frame[at + 1], frame[at + 2]];
}

const isGreen = ([r, g, b]: [number, number, number]) => g > 180 && g - r > 100 && g - b > 100;
/** Middles of the four outlines (on 2x2 chroma blocks the box covers whole). */
const EDGES: Array<[number, number]> = [[160, 150], [319, 150], [240, 90], [240, 209]];
const AWAY: Array<[number, number]> = [[240, 150], [20, 20], [500, 300], [150, 150], [330, 150], [240, 80], [240, 220]];

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'argus-boxes-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const running: BoxBurner[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((burner) => burner.stop()));
});

function burner(path: string, options: ConstructorParameters<typeof BoxBurner>[2] = {}) {
  const out: EncodedVideoUnit[] = [];
  const b = new BoxBurner(INFO, (unit) => out.push(unit), { binary: () => probeFfmpeg(path), ...options });
  running.push(b);
  return { burner: b, out };
}

describe.each(testedFfmpegBinaries())('BoxBurner with %s', (path) => {
  let units: Uint8Array[][];
  beforeAll(async () => {
    units = await cameraUnits(2);
  });

  it('draws the box into the re-encoded video where the face is, clears it when the face is gone, Constrained Baseline out', async () => {
    const { burner: b, out } = burner(path);
    await eventually(() => b.pid !== undefined, 5000, 'ffmpeg to start');
    const half = units.length / 2;
    await feed(b, units, (i) => b.detections(i < half ? FACE : NO_FACE));
    await eventually(() => out.length >= units.length - 1, 5000, 'every picture back');
    const pid = b.pid as number;
    await b.stop();
    expect(processGone(pid)).toBe(true);

    const frames = await decode(out);
    expect(frames.length).toBe(out.length);
    const boxed = frames[half - 2];
    for (const [x, y] of EDGES) expect({ x, y, green: isGreen(pixel(boxed, x, y)) }).toEqual({ x, y, green: true });
    for (const [x, y] of AWAY) expect({ x, y, rgb: pixel(boxed, x, y), green: isGreen(pixel(boxed, x, y)) }).toMatchObject({ green: false });
    // The overlay written behind each picture applies from the next one (a picture late; a little
    // more when a loaded machine let ffmpeg read the overlay after later pictures).
    const boxedAt = frames.map((f) => (isGreen(pixel(f, 160, 150)) ? 1 : 0)).join('');
    const slack = 3;
    expect(boxedAt.slice(slack, half)).toBe('1'.repeat(half - slack));
    expect(boxedAt.slice(half + slack)).toBe('0'.repeat(frames.length - half - slack));
    const cleared = frames[frames.length - 1];
    for (const [x, y] of [...EDGES, ...AWAY]) expect({ x, y, green: isGreen(pixel(cleared, x, y)) }).toEqual({ x, y, green: false });

    // Re-encoded: Constrained Baseline (not the camera's Main), a keyframe with its parameter sets first.
    const first = splitAnnexB(out[0].data);
    expect(out[0].keyframe).toBe(true);
    const sps = parseSps(findNal(first, NalType.Sps) as Uint8Array);
    expect(sps.profileIdc).toBe(66);
    expect(findNal(first, NalType.Pps)).toBeDefined();
    expect(b.stats).toMatchObject({ written: units.length, dropped: 0, restarts: 0 });
    // 90 kHz times on the wall clock, strictly increasing; a forced keyframe every ~1.5 s (the camera's are 1 s apart).
    const steps = out.slice(1).map((u, i) => u.pts90k - out[i].pts90k);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(90);
    expect(Math.abs(out[out.length - 1].receivedAt - Date.now())).toBeLessThan(2000);
    expect(out.filter((u) => u.keyframe).length).toBeLessThan(units.filter(isKeyframe).length + 1);
  });

  it('starts over at the new size when the camera’s picture size changes, the box where the face is', async () => {
    const { burner: b, out } = burner(path);
    await eventually(() => b.pid !== undefined, 5000, 'ffmpeg to start');
    await feed(b, units.slice(0, FPS), () => b.detections(FACE));
    const first = b.pid as number;
    b.resize({ ...INFO, width: 320, height: 240 });
    const small = await cameraUnits(1, 320, 240);
    await feed(b, small, () => b.detections(FACE));
    await eventually(() => out.filter((u) => u.keyframe).length >= 2 && out.length >= FPS + small.length - 2, 5000, 'pictures of both sizes');
    expect(processGone(first)).toBe(true);
    const resized = out.findIndex((u) => u.keyframe && parseSps(findNal(splitAnnexB(u.data), NalType.Sps) as Uint8Array).width === 320);
    expect(resized).toBeGreaterThan(0);
    const frames = await decode(out.slice(resized), 320, 240);
    const last = frames[frames.length - 1];
    // (80, 45, 80, 60) of 320x180 is (80, 60)–(160, 140) of 320x240.
    for (const [x, y] of [[80, 100], [159, 100], [120, 60], [120, 139]]) expect({ x, y, green: isGreen(pixel(last, x, y, 320)) }).toEqual({ x, y, green: true });
    for (const [x, y] of [[120, 100], [40, 100], [200, 100], [120, 30], [120, 170]]) expect({ x, y, green: isGreen(pixel(last, x, y, 320)) }).toEqual({ x, y, green: false });
    expect(b.stats.restarts).toBe(0);
  });

  it('starts a new ffmpeg after its child died, and leaves nothing running once stopped', async () => {
    const { burner: b, out } = burner(path, { retryMinMs: 100 });
    await eventually(() => b.pid !== undefined, 5000, 'ffmpeg to start');
    b.detections(FACE);
    await feed(b, units.slice(0, FPS));
    await eventually(() => out.length > 0, 5000, 'output');
    const first = b.pid as number;
    process.kill(first, 'SIGKILL');
    await eventually(() => b.pid !== undefined && b.pid !== first, 5000, 'a new ffmpeg');
    expect(processGone(first)).toBe(true);
    const before = out.length;
    await feed(b, units.slice(FPS), () => b.detections(FACE)); // from the next keyframe on
    await eventually(() => out.length > before + 5, 5000, 'output from the new child');
    expect(b.stats.restarts).toBe(1);
    const second = b.pid as number;
    await b.stop();
    expect(processGone(second)).toBe(true);
    expect(b.pid).toBeUndefined();
    const frames = await decode(out.slice(before));
    expect(isGreen(pixel(frames[frames.length - 1], 160, 150))).toBe(true);
  });
});

describe('BoxBurner bounds', () => {
  it('drops units up to the next keyframe while ffmpeg does not take its input, instead of queueing them', async () => {
    // A stand-in for an ffmpeg that has fallen far behind: it never reads.
    const stuck = join(dir, 'stuck-ffmpeg');
    writeFileSync(stuck, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(stuck, 0o755);
    const b = new BoxBurner(INFO, () => undefined, {
      binary: async () => ({ path: stuck, version: 'stuck', libavformat: { major: 59, minor: 27 }, capabilities: { rtspTimeoutOption: '-timeout', passthroughArgs: [] } }),
      stallMs: 100,
    });
    running.push(b);
    await eventually(() => b.pid !== undefined, 5000, 'the child to start');
    const big = (i: number) => [...(i % 10 === 0 ? [MAIN_360P_SPS, MAIN_360P_PPS] : []), new Uint8Array(64 * 1024).fill(i % 10 === 0 ? 0x65 : 0x41)];
    for (let i = 0; i < 60; i++) {
      b.push(asUnit(big(i), i));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(b.stats.dropped).toBeGreaterThan(30);
    expect(b.stats.written).toBeLessThan(30);
    const pid = b.pid as number;
    await b.stop();
    expect(processGone(pid)).toBe(true);
  });
});
