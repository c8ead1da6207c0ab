import type { Response } from 'express';

/** The OpenAPI answer of a route that sends a JPEG. */
export const jpegResponse = (description: string) => ({ description, content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } });

/** Sends stored JPEG bytes; signed links last an hour, so the browser may keep them that long, for this user only. */
export function sendJpeg(res: Response, jpeg: Uint8Array): void {
  res.setHeader('Content-Type', 'image/jpeg');
  res.setHeader('Cache-Control', 'private, max-age=3600');
  res.send(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
}
