import type { Frame } from '@argus/domain';

/** The model's strided layers halve the picture five times: each input side must be a multiple of 32. */
export const INPUT_MULTIPLE = 32;

/**
 * How a frame is fitted into the object model's input: scaled by `scale` (aspect ratio kept) so
 * its longer side is `inputSize`, placed at the top-left corner, and padded on the right and bottom
 * up to the next multiple of 32. A 16:9 camera frame becomes 512 × 288 at input size 512, not a
 * letterboxed 512 × 512 square: the model is fully convolutional, and the padding would cost 44 %
 * more time for nothing.
 */
export interface ObjectInputLayout {
  width: number;
  height: number;
  /** Model-input pixels per frame pixel. */
  scale: number;
  /** Frame pixels that land inside the input (the rest of the input is padding). */
  contentWidth: number;
  contentHeight: number;
}

export function objectInputLayout(frameWidth: number, frameHeight: number, inputSize: number): ObjectInputLayout {
  if (frameWidth <= 0 || frameHeight <= 0) throw new RangeError(`frame ${frameWidth}x${frameHeight} has no pixels`);
  if (inputSize < INPUT_MULTIPLE || inputSize % INPUT_MULTIPLE !== 0) {
    throw new RangeError(`object input size ${inputSize} must be a multiple of ${INPUT_MULTIPLE}`);
  }
  const scale = inputSize / Math.max(frameWidth, frameHeight);
  const contentWidth = frameWidth * scale;
  const contentHeight = frameHeight * scale;
  const roundUp = (v: number) => Math.max(INPUT_MULTIPLE, Math.ceil(Math.round(v * 1000) / 1000 / INPUT_MULTIPLE) * INPUT_MULTIPLE);
  return { width: roundUp(contentWidth), height: roundUp(contentHeight), scale, contentWidth, contentHeight };
}

/** Value of the padding, in the model's 0–255 input range (black). */
export const OBJECT_PAD_VALUE = 0;

/**
 * Fills the model's NHWC float input (height × width × 3, RGB 0–255) from the frame with bilinear
 * sampling (area averaging when shrinking by more than 2×, so a 1080p frame does not alias).
 */
export function toObjectInput(frame: Frame, layout: ObjectInputLayout, out?: Float32Array): Float32Array {
  const expected = frame.width * frame.height * frame.channels;
  if (frame.width <= 0 || frame.height <= 0 || frame.data.length < expected) {
    throw new RangeError(`frame ${frame.width}x${frame.height}x${frame.channels} needs ${expected} bytes, got ${frame.data.length}`);
  }
  const { width, height } = layout;
  const input = out ?? new Float32Array(width * height * 3);
  input.fill(OBJECT_PAD_VALUE);
  const cols = Math.min(width, Math.ceil(layout.contentWidth));
  const rows = Math.min(height, Math.ceil(layout.contentHeight));
  const footprint = 1 / layout.scale; // frame pixels per input pixel
  if (footprint > 2) shrinkByArea(frame, input, width, cols, rows, footprint);
  else sampleBilinear(frame, input, width, cols, rows, footprint);
  return input;
}

function sampleBilinear(frame: Frame, input: Float32Array, width: number, cols: number, rows: number, footprint: number): void {
  const { data, channels } = frame;
  const xs = axis(cols, footprint, frame.width);
  const ys = axis(rows, footprint, frame.height);
  for (let oy = 0; oy < rows; oy++) {
    const top = ys.lo[oy] * frame.width * channels;
    const bottom = ys.hi[oy] * frame.width * channels;
    const fy = ys.frac[oy];
    for (let ox = 0; ox < cols; ox++) {
      const l = xs.lo[ox] * channels;
      const r = xs.hi[ox] * channels;
      const fx = xs.frac[ox];
      const o = (oy * width + ox) * 3;
      for (let c = 0; c < 3; c++) {
        const t = data[top + l + c] + (data[top + r + c] - data[top + l + c]) * fx;
        const b = data[bottom + l + c] + (data[bottom + r + c] - data[bottom + l + c]) * fx;
        input[o + c] = t + (b - t) * fy;
      }
    }
  }
}

function axis(count: number, footprint: number, limit: number) {
  const lo = new Int32Array(count);
  const hi = new Int32Array(count);
  const frac = new Float32Array(count);
  for (let o = 0; o < count; o++) {
    const src = Math.min(Math.max((o + 0.5) * footprint - 0.5, 0), limit - 1);
    lo[o] = Math.floor(src);
    hi[o] = Math.min(lo[o] + 1, limit - 1);
    frac[o] = src - lo[o];
  }
  return { lo, hi, frac };
}

/** Each input pixel is the mean of the frame pixels under it (whole pixels; cheap and alias-free). */
function shrinkByArea(frame: Frame, input: Float32Array, width: number, cols: number, rows: number, footprint: number): void {
  const { data, channels } = frame;
  const span = (o: number, limit: number) => {
    const start = Math.min(Math.floor(o * footprint), limit - 1);
    return [start, Math.max(start + 1, Math.min(Math.floor((o + 1) * footprint), limit))] as const;
  };
  const xSpans = Array.from({ length: cols }, (_, o) => span(o, frame.width));
  for (let oy = 0; oy < rows; oy++) {
    const [y0, y1] = span(oy, frame.height);
    for (let ox = 0; ox < cols; ox++) {
      const [x0, x1] = xSpans[ox];
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        let p = (y * frame.width + x0) * channels;
        for (let x = x0; x < x1; x++, p += channels) {
          r += data[p];
          g += data[p + 1];
          b += data[p + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * width + ox) * 3;
      input[o] = r / n;
      input[o + 1] = g / n;
      input[o + 2] = b / n;
    }
  }
}
