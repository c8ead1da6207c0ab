import type { Frame } from '@argus/domain';
import { letterbox, toInputPixels } from './letterbox';
import { toModelInput } from './resample';

function solidFrame(width: number, height: number, channels: 3 | 4, rgb: [number, number, number]): Frame {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * channels);
  return { width, height, channels, data };
}

const pixel = (input: Float32Array, size: number, x: number, y: number) => Array.from(input.subarray((y * size + x) * 3, (y * size + x) * 3 + 3));

describe('toModelInput', () => {
  it('normalises pixels to [-1, 1] and pads outside the picture with 0', () => {
    const frame = solidFrame(64, 32, 3, [255, 0, 51]);
    const input = toModelInput(frame, letterbox({ x: 0, y: 0, width: 64, height: 32 }, 16));
    expect(input).toHaveLength(16 * 16 * 3);
    expect(pixel(input, 16, 8, 8).map((v) => Number(v.toFixed(3)))).toEqual([1, -1, -0.6]);
    expect(pixel(input, 16, 8, 0)).toEqual([0, 0, 0]); // rows 0-3 are padding
    expect(pixel(input, 16, 8, 15)).toEqual([0, 0, 0]);
  });

  it('reads RGBA and RGB frames alike', () => {
    const lb = letterbox({ x: 0, y: 0, width: 40, height: 40 }, 8);
    const rgb = toModelInput(solidFrame(40, 40, 3, [10, 20, 30]), lb);
    const rgba = toModelInput(solidFrame(40, 40, 4, [10, 20, 30]), lb);
    expect(rgba).toEqual(rgb);
  });

  it('puts a bright spot where the letterbox maps it', () => {
    const frame = solidFrame(200, 100, 3, [0, 0, 0]);
    for (let y = 60; y < 70; y++) for (let x = 150; x < 160; x++) frame.data.set([255, 255, 255], (y * 200 + x) * 3);
    const lb = letterbox({ x: 0, y: 0, width: 200, height: 100 }, 40);
    const input = toModelInput(frame, lb);
    const at = toInputPixels(155, 65, lb);
    expect(pixel(input, 40, Math.floor(at.x), Math.floor(at.y))[0]).toBeCloseTo(1);
    expect(pixel(input, 40, 5, 20)[0]).toBeCloseTo(-1);
  });

  it('samples only the region of a tile', () => {
    const frame = solidFrame(100, 50, 3, [0, 0, 0]);
    for (let y = 0; y < 50; y++) for (let x = 50; x < 100; x++) frame.data.set([255, 255, 255], (y * 100 + x) * 3);
    const input = toModelInput(frame, letterbox({ x: 50, y: 0, width: 50, height: 50 }, 10));
    expect(Math.min(...input)).toBeCloseTo(1);
  });

  it('rejects a frame whose buffer is too short', () => {
    const frame: Frame = { width: 10, height: 10, channels: 3, data: new Uint8Array(10) };
    expect(() => toModelInput(frame, letterbox({ x: 0, y: 0, width: 10, height: 10 }, 8))).toThrow(/needs 300 bytes/);
  });
});
