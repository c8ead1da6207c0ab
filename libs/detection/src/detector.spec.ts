import type { FaceBox } from '@argus/domain';
import { astronautFrame, blankFrame, pasteInto } from '../test/frames';
import { createFaceDetector, TfjsBlazeFaceDetector, type BlazeFaceDetector } from './detector';
import { iou } from './geometry/region';

// The face in the 320×320 fixture, located by eye: forehead to chin, ear to ear.
const ASTRONAUT_FACE = { x: 105, y: 40, width: 72, height: 75 };

function expectOneFaceNear(faces: FaceBox[], expected: typeof ASTRONAUT_FACE): void {
  expect(faces).toHaveLength(1);
  expect(iou(faces[0], expected)).toBeGreaterThan(0.6);
  // The score fused from BlazeFace's and SSD's (the crop around this face runs off the 320 px frame).
  expect(faces[0].score).toBeGreaterThan(0.75);
}

describe.each(['onnx', 'tfjs'] as const)('BlazeFaceDetector on %s (real model)', (engine) => {
  let detector: BlazeFaceDetector;

  beforeAll(async () => {
    detector = engine === 'tfjs' ? await TfjsBlazeFaceDetector.load({ tiling: true }) : await createFaceDetector({ engine, tiling: true });
  });
  afterAll(() => detector.close());

  it('finds the astronaut face', async () => {
    const result = await detector.detect(astronautFrame());
    expectOneFaceNear(result.faces, ASTRONAUT_FACE);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('finds nothing in a blank frame', async () => {
    expect((await detector.detect(blankFrame(640, 360))).faces).toEqual([]);
  });

  it('maps the face back to frame pixels in a letterboxed, tiled 1280×720 frame', async () => {
    const [alone] = (await detector.detect(astronautFrame())).faces;
    const { faces } = await detector.detect(pasteInto(astronautFrame(), 1280, 720, 900, 300));
    expect(faces).toHaveLength(1);
    // Same face 300 px down and 900 px right; at a 5× smaller input scale the box is a bit smaller.
    const centre = (f: FaceBox) => [f.x + f.width / 2, f.y + f.height / 2];
    const [cx, cy] = centre(faces[0]);
    const [ax, ay] = centre(alone);
    expect(Math.abs(cx - (ax + 900))).toBeLessThan(6);
    expect(Math.abs(cy - (ay + 300))).toBeLessThan(6);
    expect(faces[0].width / alone.width).toBeGreaterThan(0.75);
  });

  it('applies a per-call score threshold', async () => {
    expect((await detector.detect(astronautFrame(), { minScore: 0.999 })).faces).toEqual([]);
  });

  it('keeps each concurrent call to its own threshold', async () => {
    const [strict, normal] = await Promise.all([
      detector.detect(astronautFrame(), { minScore: 0.999 }),
      detector.detect(astronautFrame(), { minScore: 0.5 }),
    ]);
    expect(strict.faces).toEqual([]);
    expectOneFaceNear(normal.faces, ASTRONAUT_FACE);
  });
});
