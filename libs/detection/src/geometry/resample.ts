import type { Frame } from '@argus/domain';
import type { Letterbox } from './letterbox';

/** Value of the padding in the model's [-1, 1] input range (mid grey, as MediaPipe pads). */
const PAD_VALUE = 0;

/**
 * Fills the model's NHWC float input (1 × size × size × 3, values in [-1, 1]) from the letterboxed
 * region of the frame with bilinear sampling. Written by hand rather than with tensor ops so the tfjs
 * and ONNX paths share exactly the same pre-processing.
 */
export function toModelInput(frame: Frame, lb: Letterbox, out?: Float32Array): Float32Array {
  assertFrame(frame);
  const { size } = lb;
  const input = out ?? new Float32Array(size * size * 3);
  const xs = samplePositions(size, lb.padX, lb.scale, lb.region.x, lb.region.width, frame.width);
  const ys = samplePositions(size, lb.padY, lb.scale, lb.region.y, lb.region.height, frame.height);
  for (let oy = 0; oy < size; oy++) {
    const rowBase = oy * size * 3;
    if (ys.inside[oy] === 0) {
      input.fill(PAD_VALUE, rowBase, rowBase + size * 3);
      continue;
    }
    fillRow(frame, input, rowBase, xs, ys.lo[oy], ys.hi[oy], ys.frac[oy]);
  }
  return input;
}

interface Samples {
  lo: Int32Array;
  hi: Int32Array;
  frac: Float32Array;
  inside: Uint8Array;
}

/** For each output column (or row): the two source indices to blend and the blend weight. */
function samplePositions(
  size: number,
  pad: number,
  scale: number,
  start: number,
  length: number,
  limit: number,
): Samples {
  const s: Samples = {
    lo: new Int32Array(size),
    hi: new Int32Array(size),
    frac: new Float32Array(size),
    inside: new Uint8Array(size),
  };
  for (let o = 0; o < size; o++) {
    const local = (o + 0.5 - pad) / scale; // position inside the region, in source pixels
    if (local < 0 || local >= length) continue;
    const src = Math.min(Math.max(start + local - 0.5, 0), limit - 1);
    const lo = Math.floor(src);
    s.lo[o] = lo;
    s.hi[o] = Math.min(lo + 1, limit - 1);
    s.frac[o] = src - lo;
    s.inside[o] = 1;
  }
  return s;
}

function fillRow(
  frame: Frame,
  input: Float32Array,
  rowBase: number,
  xs: Samples,
  yLo: number,
  yHi: number,
  fy: number,
): void {
  const { data, channels, width } = frame;
  const top = yLo * width * channels;
  const bottom = yHi * width * channels;
  const size = xs.lo.length;
  for (let ox = 0; ox < size; ox++) {
    const o = rowBase + ox * 3;
    if (xs.inside[ox] === 0) {
      input[o] = input[o + 1] = input[o + 2] = PAD_VALUE;
      continue;
    }
    const l = xs.lo[ox] * channels;
    const r = xs.hi[ox] * channels;
    const fx = xs.frac[ox];
    for (let c = 0; c < 3; c++) {
      const t = data[top + l + c] + (data[top + r + c] - data[top + l + c]) * fx;
      const b = data[bottom + l + c] + (data[bottom + r + c] - data[bottom + l + c]) * fx;
      input[o + c] = (t + (b - t) * fy) / 127.5 - 1;
    }
  }
}

function assertFrame(frame: Frame): void {
  const expected = frame.width * frame.height * frame.channels;
  if (frame.width <= 0 || frame.height <= 0 || frame.data.length < expected) {
    throw new RangeError(
      `frame ${frame.width}x${frame.height}x${frame.channels} needs ${expected} bytes, got ${frame.data.length}`,
    );
  }
}
