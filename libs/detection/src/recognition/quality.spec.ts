import type { AlignedFace } from './alignment';
import { gradeFace, laplacianVariance, yawFromKeypoints, type QualityGates } from './quality';

const GATES: QualityGates = { minFaceSize: 40, minSharpness: 15, maxYaw: 45 };

/** Key points of a face: eyes at (40, 50) and (60, 50), the nose `noseShift` px right of their midpoint. */
const keypoints = (noseShift = 0) => [40, 50, 60, 50, 50 + noseShift, 62, 50, 72, 30, 55, 70, 55];

function crop(size: number, pixel: (x: number, y: number) => number): AlignedFace {
  const pixels = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) pixels.fill(pixel(x, y), (y * size + x) * 3, (y * size + x) * 3 + 3);
  return { size, pixels };
}

const sharp = crop(112, (x, y) => ((x >> 2) + (y >> 2)) % 2 === 0 ? 40 : 200); // 4 px checks
const flat = crop(112, () => 128);

describe('quality measures', () => {
  it('variance of the Laplacian: zero for a flat crop, large for fine detail', () => {
    const grey = (f: AlignedFace) => Float32Array.from({ length: f.size * f.size }, (_, i) => f.pixels[i * 3]);
    expect(laplacianVariance(grey(flat), 112)).toBe(0);
    expect(laplacianVariance(grey(sharp), 112)).toBeGreaterThan(1000);
  });

  it('yaw: 0 for a frontal face, growing with the nose’s sideways offset, signed', () => {
    expect(yawFromKeypoints(keypoints(0))).toBeCloseTo(0);
    const slight = yawFromKeypoints(keypoints(2));
    const strong = yawFromKeypoints(keypoints(9));
    expect(slight).toBeGreaterThan(5);
    expect(slight).toBeLessThan(20);
    expect(strong).toBeGreaterThan(45);
    expect(yawFromKeypoints(keypoints(-9))).toBeCloseTo(-strong);
  });
});

describe('gradeFace', () => {
  const grade = (width: number, noseShift: number, sharpnessCrop: AlignedFace) =>
    gradeFace({ width, score: 0.9, keypoints: keypoints(noseShift), sharpnessCrop }, GATES);

  it('passes a large, sharp, frontal face with a high score', () => {
    const q = grade(120, 0, sharp);
    expect(q.rejection).toBeUndefined();
    expect(q.size).toBe(120);
    expect(q.score).toBeGreaterThan(0.8);
  });

  it('rejects a small face', () => {
    expect(grade(30, 0, sharp).rejection).toBe('too-small');
  });

  it('rejects a blurred face', () => {
    const q = grade(120, 0, flat);
    expect(q.rejection).toBe('too-blurred');
    expect(q.sharpness).toBe(0);
  });

  it('rejects a face turned away', () => {
    const q = grade(120, 9, sharp);
    expect(q.rejection).toBe('turned-away');
    expect(Math.abs(q.yaw)).toBeGreaterThan(45);
  });

  it('ranks a smaller, turned face below a large frontal one', () => {
    expect(grade(60, 4, sharp).score).toBeLessThan(grade(120, 0, sharp).score);
  });
});
