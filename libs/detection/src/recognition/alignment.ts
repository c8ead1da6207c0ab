import type { Frame } from '@argus/domain';
import { Keypoint } from '../model/blazeface-decoder';

export interface Point {
  x: number;
  y: number;
}

/**
 * Where an embedding model wants the eyes: a square crop of `size` pixels with both eyes on the row
 * `eyeY × size`, `eyeDistance × size` apart, centred horizontally.
 */
export interface AlignmentTemplate {
  size: number;
  eyeY: number;
  eyeDistance: number;
}

/** An aligned face: `size × size` RGB, row-major, values 0–255. */
export interface AlignedFace {
  size: number;
  pixels: Float32Array;
}

/** The eyes from BlazeFace key points, ordered by their position in the image (left one first). */
export function eyesFromKeypoints(keypoints: readonly number[]): { left: Point; right: Point } {
  const a = { x: keypoints[Keypoint.RightEye * 2], y: keypoints[Keypoint.RightEye * 2 + 1] };
  const b = { x: keypoints[Keypoint.LeftEye * 2], y: keypoints[Keypoint.LeftEye * 2 + 1] };
  return a.x <= b.x ? { left: a, right: b } : { left: b, right: a };
}

/**
 * The similarity transform (rotation, uniform scale, shift) that maps crop pixels to frame pixels
 * so that the eyes land on the template's eye positions: frame = origin + u·ax + v·ay.
 */
export function alignmentTransform(left: Point, right: Point, template: AlignmentTemplate) {
  const dx = right.x - left.x;
  const dy = right.y - left.y;
  const eyeDistance = Math.hypot(dx, dy);
  if (!(eyeDistance > 0)) throw new RangeError('alignment: the eyes coincide');
  const scale = eyeDistance / (template.eyeDistance * template.size); // frame pixels per crop pixel
  const cos = (dx / eyeDistance) * scale;
  const sin = (dy / eyeDistance) * scale;
  const mid = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
  const cu = template.size / 2;
  const cv = template.eyeY * template.size;
  // frame(u, v) = mid + R·s·(u − cu, v − cv)
  return {
    scale,
    ax: { x: cos, y: sin },
    ay: { x: -sin, y: cos },
    origin: { x: mid.x - cos * cu + sin * cv, y: mid.y - sin * cu - cos * cv },
  };
}

/**
 * Rotates and scales the face so the eyes are level at the template's positions and crops it to the
 * template's size. Bilinear sampling, several samples per crop pixel when the face is larger than the
 * crop (no aliasing), edge pixels repeated outside the frame.
 */
export function alignFace(frame: Frame, left: Point, right: Point, template: AlignmentTemplate): AlignedFace {
  const { size } = template;
  const t = alignmentTransform(left, right, template);
  const n = Math.min(4, Math.max(1, Math.ceil(t.scale - 0.25))); // samples per axis
  const pixels = new Float32Array(size * size * 3);
  const rgb = [0, 0, 0];
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < n; sy++) {
        const cv = v + (sy + 0.5) / n;
        for (let sx = 0; sx < n; sx++) {
          const cu = u + (sx + 0.5) / n;
          const fx = t.origin.x + cu * t.ax.x + cv * t.ay.x;
          const fy = t.origin.y + cu * t.ax.y + cv * t.ay.y;
          sample(frame, fx - 0.5, fy - 0.5, rgb);
          r += rgb[0];
          g += rgb[1];
          b += rgb[2];
        }
      }
      const o = (v * size + u) * 3;
      const k = n * n;
      pixels[o] = r / k;
      pixels[o + 1] = g / k;
      pixels[o + 2] = b / k;
    }
  }
  return { size, pixels };
}

function sample(frame: Frame, x: number, y: number, out: number[]): void {
  const { width, height, channels, data } = frame;
  const cx = Math.min(Math.max(x, 0), width - 1);
  const cy = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, width - 1);
  const y1 = Math.min(y0 + 1, height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const i00 = (y0 * width + x0) * channels;
  const i01 = (y0 * width + x1) * channels;
  const i10 = (y1 * width + x0) * channels;
  const i11 = (y1 * width + x1) * channels;
  for (let c = 0; c < 3; c++) {
    const top = data[i00 + c] + (data[i01 + c] - data[i00 + c]) * fx;
    const bottom = data[i10 + c] + (data[i11 + c] - data[i10 + c]) * fx;
    out[c] = top + (bottom - top) * fy;
  }
}
