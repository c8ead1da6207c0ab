import type { BoundingBox, DecodedFrame, SnapshotRenderer } from '@argus/domain';
import { encode } from 'jpeg-js';

const BOX_COLOUR = [0x3d, 0xdc, 0x84] as const;

/** JPEG of the processed frame with each face outlined (pure JS encoder, no native build). */
export class JpegSnapshotRenderer implements SnapshotRenderer {
  constructor(private readonly quality = 80) {}

  render(frame: DecodedFrame, boxes: BoundingBox[]): Uint8Array {
    const rgba = toRgba(frame);
    const thickness = Math.max(2, Math.round(Math.min(frame.width, frame.height) / 180));
    for (const box of boxes) drawRectangle(rgba, frame.width, frame.height, box, thickness);
    return encode({ data: rgba, width: frame.width, height: frame.height }, this.quality).data;
  }
}

function toRgba(frame: DecodedFrame): Buffer {
  const pixels = frame.width * frame.height;
  const out = Buffer.alloc(pixels * 4);
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += frame.channels, o += 4) {
    out[o] = frame.data[i];
    out[o + 1] = frame.data[i + 1];
    out[o + 2] = frame.data[i + 2];
    out[o + 3] = 255;
  }
  return out;
}

function drawRectangle(rgba: Buffer, width: number, height: number, box: BoundingBox, t: number): void {
  const x0 = clamp(Math.round(box.x), 0, width - 1);
  const y0 = clamp(Math.round(box.y), 0, height - 1);
  const x1 = clamp(Math.round(box.x + box.width), 0, width - 1);
  const y1 = clamp(Math.round(box.y + box.height), 0, height - 1);
  fill(rgba, width, x0, y0, x1, Math.min(y1, y0 + t - 1));
  fill(rgba, width, x0, Math.max(y0, y1 - t + 1), x1, y1);
  fill(rgba, width, x0, y0, Math.min(x1, x0 + t - 1), y1);
  fill(rgba, width, Math.max(x0, x1 - t + 1), y0, x1, y1);
}

function fill(rgba: Buffer, width: number, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const o = (y * width + x) * 4;
      rgba[o] = BOX_COLOUR[0];
      rgba[o + 1] = BOX_COLOUR[1];
      rgba[o + 2] = BOX_COLOUR[2];
    }
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
