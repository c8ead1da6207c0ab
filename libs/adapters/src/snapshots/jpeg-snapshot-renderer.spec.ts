import { decode } from 'jpeg-js';
import type { DecodedFrame } from '@argus/domain';
import { JpegSnapshotRenderer } from './jpeg-snapshot-renderer';

function greyFrame(width: number, height: number): DecodedFrame {
  return { width, height, channels: 3, data: new Uint8Array(width * height * 3).fill(100), capturedAt: 0, pts90k: 0 };
}

function pixel(image: { data: Uint8Array; width: number }, x: number, y: number): number[] {
  const o = (y * image.width + x) * 4;
  return [image.data[o], image.data[o + 1], image.data[o + 2]];
}

describe('JpegSnapshotRenderer', () => {
  it('encodes the frame at its size with each box outlined in green and the inside untouched', async () => {
    const frame = greyFrame(320, 180);
    const jpeg = await new JpegSnapshotRenderer(95).render(frame, [{ x: 100, y: 40, width: 80, height: 90 }]);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const image = decode(jpeg, { useTArray: true });
    expect([image.width, image.height]).toEqual([320, 180]);
    const [r, g, b] = pixel(image, 140, 40); // on the top edge
    expect(g).toBeGreaterThan(180);
    expect(r).toBeLessThan(110);
    expect(b).toBeLessThan(170);
    for (const value of pixel(image, 140, 85)) expect(Math.abs(value - 100)).toBeLessThan(8); // inside
    for (const value of pixel(image, 20, 20)) expect(Math.abs(value - 100)).toBeLessThan(8); // outside
  });

  it('leaves the frame it was given unchanged and clips boxes reaching past the edges', async () => {
    const frame = greyFrame(64, 48);
    const image = decode(await new JpegSnapshotRenderer().render(frame, [{ x: -10, y: 30, width: 200, height: 100 }]), { useTArray: true });
    expect([image.width, image.height]).toEqual([64, 48]);
    expect(frame.data.every((v) => v === 100)).toBe(true);
  });
});
