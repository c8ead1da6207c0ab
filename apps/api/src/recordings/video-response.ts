import type { Request, Response } from 'express';

/** What can be sent as a video: its size is known before the first byte, and any range of it can be read. */
export interface SendableVideo {
  size: number;
  contentType: string;
  etag?: string;
  lastModified?: Date;
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; null when absent or not a single range (the whole file is sent). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return null; // malformed: ignored, as HTTP says
  }
  return start >= size ? 'unsatisfiable' : { start, end };
}

/**
 * Sends a video for `<video>`: 200 with the whole file, or 206 with the one range asked for
 * (`Range`, honoured only while `If-Range` still matches), 416 past its end. A read that fails
 * midway (a segment deleted meanwhile) ends the answer early: the player sees a short file.
 */
export async function sendVideo(req: Request, res: Response, video: SendableVideo, fileName?: string): Promise<void> {
  const ifRange = req.headers['if-range'];
  const rangeAllowed = !ifRange || (video.etag !== undefined && ifRange === video.etag);
  const range = rangeAllowed ? parseRange(req.headers.range, video.size) : null;
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', video.contentType);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (video.etag) res.setHeader('ETag', video.etag);
  if (video.lastModified) res.setHeader('Last-Modified', video.lastModified.toUTCString());
  if (fileName) res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${video.size}`);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ statusCode: 416, message: `Range not satisfiable: the video has ${video.size} bytes` }));
    return;
  }
  const { start, end } = range ?? { start: 0, end: video.size - 1 };
  res.status(range ? 206 : 200);
  if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${video.size}`);
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || end < start) {
    res.end();
    return;
  }
  try {
    for await (const chunk of video.read(start, end)) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  } catch {
    res.destroy(); // the length promised cannot be kept: the client sees the answer cut short
  }
}
