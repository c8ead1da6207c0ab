import type { Frame } from '@argus/domain';
import { alignFace, alignmentTransform, eyesFromKeypoints, type AlignmentTemplate } from './alignment';

const TEMPLATE: AlignmentTemplate = { size: 100, eyeY: 0.4, eyeDistance: 0.3 };

/** A dark frame with two bright 7×7 "eyes" at the given centres. */
function twoEyes(width: number, height: number, eyes: Array<[number, number]>): Frame {
  const data = new Uint8Array(width * height * 3).fill(10);
  for (const [cx, cy] of eyes) {
    for (let y = Math.round(cy) - 3; y <= Math.round(cy) + 3; y++) {
      for (let x = Math.round(cx) - 3; x <= Math.round(cx) + 3; x++) data.fill(250, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return { width, height, channels: 3, data };
}

/** Brightness-weighted centre of the bright pixels in one half (left or right) of the crop. */
function brightCentre(pixels: Float32Array, size: number, half: 'left' | 'right') {
  let sx = 0;
  let sy = 0;
  let total = 0;
  for (let y = 0; y < size; y++) {
    for (let x = half === 'left' ? 0 : size / 2; x < (half === 'left' ? size / 2 : size); x++) {
      const v = Math.max(0, pixels[(y * size + x) * 3] - 60);
      sx += (x + 0.5) * v;
      sy += (y + 0.5) * v;
      total += v;
    }
  }
  return { x: sx / total, y: sy / total };
}

describe('alignment', () => {
  it('maps the template eye positions exactly onto the eyes (rotation and scale)', () => {
    const left = { x: 120, y: 80 };
    const right = { x: 180, y: 110 };
    const t = alignmentTransform(left, right, TEMPLATE);
    const at = (u: number, v: number) => ({ x: t.origin.x + u * t.ax.x + v * t.ay.x, y: t.origin.y + u * t.ax.y + v * t.ay.y });
    const l = at(TEMPLATE.size * (0.5 - TEMPLATE.eyeDistance / 2), TEMPLATE.size * TEMPLATE.eyeY);
    const r = at(TEMPLATE.size * (0.5 + TEMPLATE.eyeDistance / 2), TEMPLATE.size * TEMPLATE.eyeY);
    expect(l.x).toBeCloseTo(left.x, 6);
    expect(l.y).toBeCloseTo(left.y, 6);
    expect(r.x).toBeCloseTo(right.x, 6);
    expect(r.y).toBeCloseTo(right.y, 6);
  });

  it.each([
    ['level, larger than the crop', [200, 150], [300, 150]],
    ['tilted by 30°, smaller than the crop', [100, 100], [100 + 26 * Math.cos(Math.PI / 6), 100 + 26 * Math.sin(Math.PI / 6)]],
    ['tilted the other way', [150, 200], [210, 160]],
  ] as Array<[string, [number, number], [number, number]]>)('puts the eyes level at the target positions (%s)', (_name, a, b) => {
    const [ax, ay, bx, by] = [a[0], a[1], b[0], b[1]].map(Math.round);
    const frame = twoEyes(400, 300, [[ax, ay], [bx, by]]);
    // A 7×7 spot drawn from pixel x−3 to x+3 has its centre at x + 0.5 in continuous coordinates.
    const { left, right } = eyesFromKeypoints([ax + 0.5, ay + 0.5, bx + 0.5, by + 0.5, 0, 0, 0, 0, 0, 0, 0, 0]);
    const face = alignFace(frame, left, right, TEMPLATE);
    const l = brightCentre(face.pixels, face.size, 'left');
    const r = brightCentre(face.pixels, face.size, 'right');
    const size = TEMPLATE.size;
    expect(Math.abs(l.y - r.y)).toBeLessThan(1);
    expect(Math.abs(l.y - size * TEMPLATE.eyeY)).toBeLessThan(1);
    expect(Math.abs(l.x - size * (0.5 - TEMPLATE.eyeDistance / 2))).toBeLessThan(1);
    expect(Math.abs(r.x - size * (0.5 + TEMPLATE.eyeDistance / 2))).toBeLessThan(1);
  });

  it('orders the eyes by their place in the image, whichever key point is which', () => {
    const { left, right } = eyesFromKeypoints([90, 50, 40, 52, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(left).toEqual({ x: 40, y: 52 });
    expect(right).toEqual({ x: 90, y: 50 });
  });

  it('refuses eyes on the same spot', () => {
    expect(() => alignmentTransform({ x: 5, y: 5 }, { x: 5, y: 5 }, TEMPLATE)).toThrow(/eyes coincide/);
  });
});
