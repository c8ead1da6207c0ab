import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from '@argus/domain';
import * as jpeg from 'jpeg-js';

export const ASTRONAUT = join(__dirname, 'fixtures', 'astronaut.jpg');

/** The public-domain astronaut photo (320×320, one face), as an RGB frame. */
export function astronautFrame(): Frame {
  const img = jpeg.decode(readFileSync(ASTRONAUT), { useTArray: true, formatAsRGBA: false });
  return { width: img.width, height: img.height, channels: 3, data: img.data };
}

/** A uniform frame: nothing to find. */
export function blankFrame(width: number, height: number, value = 128): Frame {
  return { width, height, channels: 3, data: new Uint8Array(width * height * 3).fill(value) };
}

/** Pastes `inner` into a grey frame of the given size at (x, y): a small face in a wide camera view. */
export function pasteInto(inner: Frame, width: number, height: number, x: number, y: number): Frame {
  const out = blankFrame(width, height, 90);
  for (let row = 0; row < inner.height; row++) {
    for (let col = 0; col < inner.width; col++) {
      const src = (row * inner.width + col) * inner.channels;
      out.data.set(inner.data.subarray(src, src + 3), ((y + row) * width + x + col) * 3);
    }
  }
  return out;
}

/** A frame transformed by sharp (mirror, resize, blur, crop...), back as RGB. */
export async function transformFrame(frame: Frame, apply: (image: import('sharp').Sharp) => import('sharp').Sharp): Promise<Frame> {
  const sharp = (await import('sharp')).default;
  const input = sharp(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), {
    raw: { width: frame.width, height: frame.height, channels: frame.channels },
  });
  const { data, info } = await apply(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
