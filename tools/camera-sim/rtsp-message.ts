/** One RTSP request (RFC 2326 section 6); header names are lower-cased. */
export interface RtspRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What a client sends on an RTSP connection: requests, or RTP/RTCP interleaved with them ('$' frames). */
export type RtspInbound = { kind: 'request'; request: RtspRequest } | { kind: 'interleaved'; channel: number; data: Buffer };

/** A client whose bytes can't be RTSP: the connection is closed. */
export class RtspProtocolError extends Error {}

const MAX_HEAD_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;

function parseHead(head: string): Omit<RtspRequest, 'body'> {
  const lines = head.split(/\r?\n/);
  const [method, url, version] = lines[0].split(' ');
  if (!method || !url || !/^RTSP\/1\.\d$/.test(version ?? '')) throw new RtspProtocolError('not an RTSP request line');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method: method.toUpperCase(), url, headers };
}

/** Cuts RTSP requests and interleaved frames out of a TCP byte stream that arrives in pieces. */
export class RtspRequestReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RtspInbound[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: RtspInbound[] = [];
    for (;;) {
      const message = this.buffer[0] === 0x24 ? this.readInterleaved() : this.readRequest();
      if (!message) break;
      messages.push(message);
    }
    return messages;
  }

  private readInterleaved(): RtspInbound | null {
    if (this.buffer.length < 4) return null;
    const size = this.buffer.readUInt16BE(2);
    if (this.buffer.length < 4 + size) return null;
    const frame: RtspInbound = { kind: 'interleaved', channel: this.buffer[1], data: this.buffer.subarray(4, 4 + size) };
    this.buffer = this.buffer.subarray(4 + size);
    return frame;
  }

  private readRequest(): RtspInbound | null {
    // Stray line breaks between requests are allowed (some clients send a blank keep-alive line).
    let start = 0;
    while (start < this.buffer.length && (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a)) start++;
    if (start > 0) this.buffer = this.buffer.subarray(start);
    if (this.buffer.length === 0 || this.buffer[0] === 0x24) return null;
    const end = this.findHeadEnd();
    if (end === null) {
      if (this.buffer.length > MAX_HEAD_BYTES) throw new RtspProtocolError('RTSP request head too large');
      return null;
    }
    const head = parseHead(this.buffer.subarray(0, end.head).toString('latin1'));
    const length = Number(head.headers['content-length'] ?? 0);
    if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_BYTES) throw new RtspProtocolError('bad Content-Length');
    if (this.buffer.length < end.body + length) return null;
    const body = this.buffer.subarray(end.body, end.body + length);
    this.buffer = this.buffer.subarray(end.body + length);
    return { kind: 'request', request: { ...head, body } };
  }

  private findHeadEnd(): { head: number; body: number } | null {
    const crlf = this.buffer.indexOf('\r\n\r\n');
    const lf = this.buffer.indexOf('\n\n');
    if (crlf >= 0 && (lf < 0 || crlf < lf)) return { head: crlf, body: crlf + 4 };
    return lf >= 0 ? { head: lf, body: lf + 2 } : null;
  }
}

export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version Not Supported',
};

export interface RtspResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** Serializes a response; CSeq is echoed from the request as RFC 2326 requires. */
export function formatResponse(response: RtspResponse, cseq: string | undefined): Buffer {
  const lines = [`RTSP/1.0 ${response.status} ${STATUS_TEXT[response.status] ?? 'Unknown'}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  lines.push('Server: Argus camera simulator', `Date: ${new Date().toUTCString()}`);
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${item}`);
  }
  const body = Buffer.from(response.body ?? '', 'utf8');
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

/** Frames an RTP or RTCP packet for an interleaved TCP channel (RFC 2326 section 10.12). */
export function interleavedFrame(channel: number, packet: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(4 + packet.length);
  frame[0] = 0x24;
  frame[1] = channel;
  frame.writeUInt16BE(packet.length, 2);
  frame.set(packet, 4);
  return frame;
}
