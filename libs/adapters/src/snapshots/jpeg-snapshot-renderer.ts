import type { BoundingBox, DecodedFrame, SnapshotRenderer } from '@argus/domain';
import sharp from 'sharp';

const BOX_COLOUR = [0x3d, 0xdc, 0x84] as const;

/**
 * JPEG of the processed frame with each face outlined. The boxes are drawn into a copy of the RGB
 * pixels here (cheap); the encoding runs in libvips on libuv's thread pool (sharp), about 2 ms for
 * 640×360, so the event loop that serves every camera is never held up by it.
 */
export class JpegSnapshotRenderer implements SnapshotRenderer {
  constructor(private readonly quality = 80) {}

  async render(frame: DecodedFrame, boxes: BoundingBox[]): Promise<Uint8Array> {
    const rgb = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength).subarray(0, frame.width * frame.height * 3);
    const pixels = Buffer.from(rgb); // the frame may still be in use elsewhere
    const thickness = Math.max(2, Math.round(Math.min(frame.width, frame.height) / 180));
    for (const box of boxes) drawRectangle(pixels, frame.width, frame.height, box, thickness);
    return sharp(pixels, { raw: { width: frame.width, height: frame.height, channels: 3 } }).jpeg({ quality: this.quality }).toBuffer();
  }
}

function drawRectangle(rgb: Buffer, width: number, height: number, box: BoundingBox, t: number): void {
  const x0 = clamp(Math.round(box.x), 0, width - 1);
  const y0 = clamp(Math.round(box.y), 0, height - 1);
  const x1 = clamp(Math.round(box.x + box.width), 0, width - 1);
  const y1 = clamp(Math.round(box.y + box.height), 0, height - 1);
  fill(rgb, width, x0, y0, x1, Math.min(y1, y0 + t - 1));
  fill(rgb, width, x0, Math.max(y0, y1 - t + 1), x1, y1);
  fill(rgb, width, x0, y0, Math.min(x1, x0 + t - 1), y1);
  fill(rgb, width, Math.max(x0, x1 - t + 1), y0, x1, y1);
}

function fill(rgb: Buffer, width: number, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const o = (y * width + x) * 3;
      rgb[o] = BOX_COLOUR[0];
      rgb[o + 1] = BOX_COLOUR[1];
      rgb[o + 2] = BOX_COLOUR[2];
    }
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
