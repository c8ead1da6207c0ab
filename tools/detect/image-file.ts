import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Frame } from '@argus/domain';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png'];

export function isImageFile(path: string): boolean {
  return IMAGE_EXTENSIONS.includes(extname(path).toLowerCase());
}

/**
 * Decodes a JPEG or PNG into an RGBA frame. Pure-JS decoders (jpeg-js, pngjs) keep the CLI free of
 * native binaries; the live pipeline gets raw frames from ffmpeg and never decodes files.
 */
export function readImageFile(path: string): Frame {
  const bytes = readFileSync(path);
  if (isPng(bytes)) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data) };
  }
  if (isJpeg(bytes)) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, channels: 4, data: img.data };
  }
  throw new Error("not a JPEG or PNG image");
}

function isPng(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.readUInt32BE(0) === 0x89504e47;
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
}
