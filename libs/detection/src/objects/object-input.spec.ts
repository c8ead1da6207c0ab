import type { Frame } from '@argus/domain';
import { objectInputLayout, OBJECT_PAD_VALUE, toObjectInput } from './object-input';

/** An RGB frame whose red channel is the column, green the row, blue constant 50. */
function gradient(width: number, height: number, channels: 3 | 4 = 3): Frame {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, 50], (y * width + x) * channels);
  }
  return { width, height, channels, data };
}

describe('objectInputLayout', () => {
  it('fits the longer side to the input size and rounds the other up to a multiple of 32', () => {
    expect(objectInputLayout(1920, 1080, 512)).toMatchObject({ width: 512, height: 288, scale: 512 / 1920 });
    expect(objectInputLayout(640, 480, 512)).toMatchObject({ width: 512, height: 384 });
    expect(objectInputLayout(480, 640, 416)).toMatchObject({ width: 320, height: 416, contentWidth: 312 });
    expect(objectInputLayout(100, 100, 512)).toMatchObject({ width: 512, height: 512, scale: 5.12 });
  });

  it('refuses sizes the model cannot take', () => {
    expect(() => objectInputLayout(640, 480, 500)).toThrow(/multiple of 32/);
    expect(() => objectInputLayout(0, 480, 512)).toThrow(/no pixels/);
  });
});

describe('toObjectInput', () => {
  it('copies pixels 1:1 in 0–255 RGB and pads the right and bottom', () => {
    const frame = gradient(40, 20, 4); // RGBA: the alpha byte is skipped
    const input = toObjectInput(frame, { width: 64, height: 32, scale: 1, contentWidth: 40, contentHeight: 20 });
    const at = (x: number, y: number) => Array.from(input.subarray((y * 64 + x) * 3, (y * 64 + x) * 3 + 3));
    expect(at(0, 0)).toEqual([0, 0, 50]);
    expect(at(39, 19)).toEqual([39, 19, 50]);
    expect(at(40, 0)).toEqual([OBJECT_PAD_VALUE, OBJECT_PAD_VALUE, OBJECT_PAD_VALUE]);
    expect(at(0, 20)).toEqual([OBJECT_PAD_VALUE, OBJECT_PAD_VALUE, OBJECT_PAD_VALUE]);
  });

  it('samples between pixels when enlarging', () => {
    const input = toObjectInput(gradient(16, 16), { width: 32, height: 32, scale: 2, contentWidth: 32, contentHeight: 32 });
    // input pixel 5 covers frame x 2.5–3.0: centre 2.75 → between columns 2 and 3
    expect(input[(0 * 32 + 5) * 3]).toBeCloseTo(2.25);
  });

  it('averages the pixels under each input pixel when shrinking a lot', () => {
    const input = toObjectInput(gradient(128, 128), { width: 32, height: 32, scale: 0.25, contentWidth: 32, contentHeight: 32 });
    expect(input[(0 * 32 + 0) * 3]).toBeCloseTo(1.5); // columns 0–3
    expect(input[(2 * 32 + 1) * 3 + 1]).toBeCloseTo(9.5); // rows 8–11
    expect(input[2]).toBe(50);
  });

  it('rejects a frame with fewer bytes than its size says', () => {
    const frame = { ...gradient(10, 10), data: new Uint8Array(10) };
    expect(() => toObjectInput(frame, objectInputLayout(10, 10, 32))).toThrow(/needs 300 bytes/);
  });
});
