/** One decoded frame as showinfo describes it on stderr. */
export interface FrameHeader {
  /** Output frame number, from 0. */
  n: number;
  /** Timestamp in the input's time base (FLV: milliseconds). */
  pts: number;
  width: number;
  height: number;
}

const SHOWINFO = /\[Parsed_showinfo_\d+ @ [^\]]*\](?: \[\w+\])? n:\s*(\d+) pts:\s*(-?\d+) .*?\bs:(\d+)x(\d+)/;

/** The frame described by a showinfo line, or null for any other line. */
export function parseShowinfo(line: string): FrameHeader | null {
  const match = SHOWINFO.exec(line);
  if (!match) return null;
  return { n: Number(match[1]), pts: Number(match[2]), width: Number(match[3]), height: Number(match[4]) };
}

export const RGB_CHANNELS = 3;

/**
 * Cuts ffmpeg's raw RGB24 stdout into frames, using the showinfo headers (which arrive on another
 * pipe, before or after the bytes) for each frame's size and timestamp.
 */
export class RawFrameReader {
  private readonly headers: FrameHeader[] = [];
  private readonly chunks: Uint8Array[] = [];
  private buffered = 0;
  private nextN = 0;
  private lastHeader: FrameHeader | null = null;

  /** `frame` gets a null header for a frame whose showinfo line was lost (its bytes are skipped). */
  constructor(private readonly frame: (header: FrameHeader | null, data: Uint8Array) => void) {}

  header(header: FrameHeader): void {
    // A lost line would shift every later frame: assume the missing frames kept the last size.
    while (header.n > this.nextN && this.lastHeader) {
      this.headers.push({ ...this.lastHeader, n: this.nextN++, pts: Number.NaN });
    }
    this.headers.push(header);
    this.nextN = header.n + 1;
    this.lastHeader = header;
    this.drain();
  }

  data(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.drain();
  }

  private drain(): void {
    for (;;) {
      const header = this.headers[0];
      if (!header) return;
      const size = header.width * header.height * RGB_CHANNELS;
      if (this.buffered < size) return;
      this.headers.shift();
      const data = this.take(size);
      this.frame(Number.isNaN(header.pts) ? null : header, data);
    }
  }

  private take(size: number): Uint8Array {
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const chunk = this.chunks[0];
      const count = Math.min(chunk.length, size - filled);
      out.set(chunk.subarray(0, count), filled);
      filled += count;
      if (count === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(count);
    }
    this.buffered -= size;
    return out;
  }
}
