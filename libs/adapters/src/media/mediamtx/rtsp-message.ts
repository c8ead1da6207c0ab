/** One RTSP response (RFC 2326 section 7). Header names are lower-cased. */
export interface RtspResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RtspRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export function serializeRequest({ method, url, headers = {}, body }: RtspRequest, cseq: number): Buffer {
  const lines = [`${method} ${url} RTSP/1.0`, `CSeq: ${cseq}`, 'User-Agent: Argus'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  const content = body === undefined ? Buffer.alloc(0) : Buffer.from(body, 'utf8');
  if (content.length > 0) lines.push(`Content-Length: ${content.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), content]);
}

const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Reads RTSP responses off a TCP stream that may also carry interleaved binary frames
 * (`$`, channel, 16-bit length: RTCP receiver reports from the server), which are skipped.
 */
export class RtspResponseReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds bytes; returns the responses they completed. Throws on bytes that are not RTSP. */
  push(chunk: Buffer): RtspResponse[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const responses: RtspResponse[] = [];
    for (;;) {
      if (this.pending.length === 0) break;
      if (this.pending[0] === 0x24) {
        if (this.pending.length < 4) break;
        const size = 4 + this.pending.readUInt16BE(2);
        if (this.pending.length < size) break;
        this.pending = this.pending.subarray(size);
        continue;
      }
      const response = this.readResponse();
      if (!response) break;
      responses.push(response);
    }
    return responses;
  }

  private readResponse(): RtspResponse | null {
    const end = this.pending.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.pending.length > MAX_HEADER_BYTES) throw new Error('RTSP response header too large');
      return null;
    }
    const [statusLine, ...headerLines] = this.pending.subarray(0, end).toString('latin1').split('\r\n');
    const m = /^RTSP\/1\.0 (\d{3}) ?(.*)$/.exec(statusLine);
    if (!m) throw new Error(`not an RTSP response: ${JSON.stringify(statusLine.slice(0, 80))}`);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.pending.length < end + 4 + length) return null;
    const body = this.pending.subarray(end + 4, end + 4 + length);
    this.pending = this.pending.subarray(end + 4 + length);
    return { status: Number(m[1]), reason: m[2], headers, body };
  }
}

/** `$`-framed RTP or RTCP on an interleaved channel (RFC 2326 section 10.12). */
export function interleavedFrame(channel: number, packet: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(4 + packet.length);
  frame[0] = 0x24;
  frame[1] = channel;
  frame.writeUInt16BE(packet.length, 2);
  frame.set(packet, 4);
  return frame;
}
