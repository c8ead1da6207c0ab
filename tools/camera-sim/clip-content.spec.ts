/**
 * @jest-environment ../libs/detection/test/native-typed-arrays-environment.js
 */
// onnxruntime-node checks `instanceof Float32Array` against the main context's constructors.
import { detectorSettingsFromEnv } from '@argus/config/detection-config';
import { createFaceDetector, type BlazeFaceDetector } from '@argus/detection';
import { runFfmpeg } from './ffmpeg-runner.testing';
import { ffmpegFromEnvironment } from './ffmpeg-path';
import { readFrameCounter } from './frame-counter';
import { testClips } from './test-clips.testing';
import type { SimulatorClips } from './clip-generation';

jest.setTimeout(60_000);

const WIDTH = 640;
const HEIGHT = 360;
let clips: SimulatorClips;
let detector: BlazeFaceDetector;

/** Every 12th frame of a clip as RGB (15 frames over the 12 s clip). */
async function sampleFrames(file: string): Promise<Uint8Array[]> {
  const run = await runFfmpeg(ffmpegFromEnvironment(), ['-i', file, '-vf', "select='not(mod(n,12))'", '-vsync', '0', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
  expect(run.code).toBe(0);
  const size = WIDTH * HEIGHT * 3;
  return Array.from({ length: run.stdout.length / size }, (_, i) => new Uint8Array(run.stdout.subarray(i * size, (i + 1) * size)));
}

/** Luma approximation of an RGB frame, enough for the black/white counter cells. */
function luma(rgb: Uint8Array): Uint8Array {
  return Uint8Array.from({ length: rgb.length / 3 }, (_, i) => (rgb[3 * i] + 2 * rgb[3 * i + 1] + rgb[3 * i + 2]) >> 2);
}

beforeAll(async () => {
  clips = await testClips();
  detector = await createFaceDetector(detectorSettingsFromEnv());
});

afterAll(() => detector.close());

describe('generated clips', () => {
  it('faces: the astronaut is found in every sampled frame, once', async () => {
    const frames = await sampleFrames(clips.faces);
    expect(frames).toHaveLength(15);
    for (const data of frames) {
      const { faces } = await detector.detect({ width: WIDTH, height: HEIGHT, channels: 3, data });
      expect(faces).toHaveLength(1);
      expect(faces[0].width).toBeGreaterThan(24);
    }
  });

  it('empty: no face anywhere, so the pipeline must raise no alert', async () => {
    const frames = await sampleFrames(clips.empty);
    expect(frames).toHaveLength(15);
    for (const data of frames) {
      expect((await detector.detect({ width: WIDTH, height: HEIGHT, channels: 3, data })).faces).toEqual([]);
    }
  });

  it('both carry the burned-in frame counter', async () => {
    for (const file of [clips.faces, clips.empty]) {
      const counters = (await sampleFrames(file)).map((rgb) => readFrameCounter(luma(rgb), WIDTH, HEIGHT));
      expect(counters).toEqual(Array.from({ length: 15 }, (_, i) => i * 12));
    }
  });
});
