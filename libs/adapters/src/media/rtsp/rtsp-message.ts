/**
 * RTSP 1.0 messages on a TCP connection (RFC 2326 sections 6, 7 and 10.12), for both sides: the camera
 * server reads requests and writes responses, the MediaMTX publisher writes requests and reads responses.
 */

/** One RTSP request as a server reads it; header names are lower-cased. */
export interface RtspRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** One RTSP response as a client reads it; header names are lower-cased. */
export interface RtspResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A request to send (CSeq and User-Agent are added). */
export interface OutgoingRtspRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A response to send (CSeq, Server and Date are added); a header given a list is repeated. */
export interface OutgoingRtspResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** What a client sends on an RTSP connection: requests, or RTP/RTCP interleaved with them ('$' frames). */
export type RtspInbound = { kind: 'request'; request: RtspRequest } | { kind: 'interleaved'; channel: number; data: Buffer };

/** A peer whose bytes can't be RTSP: the connection is closed. */
export class RtspProtocolError extends Error {}

const MAX_HEAD_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;

/** A message cut from the stream, before its start line is read as a request or a response. */
interface RawMessage {
  startLine: string;
  headers: Record<string, string>;
  body: Buffer;
}

type Piece = { kind: 'message'; message: RawMessage } | { kind: 'interleaved'; channel: number; data: Buffer };

function parseHead(head: string): Omit<RawMessage, 'body'> {
  const [startLine, ...lines] = head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine, headers };
}

/** Cuts messages and interleaved frames out of a TCP byte stream that arrives in pieces. */
class RtspStreamCutter {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Piece[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const pieces: Piece[] = [];
    for (;;) {
      const piece = this.buffer[0] === 0x24 ? this.readInterleaved() : this.readMessage();
      if (!piece) break;
      pieces.push(piece);
    }
    return pieces;
  }

  private readInterleaved(): Piece | null {
    if (this.buffer.length < 4) return null;
    const size = this.buffer.readUInt16BE(2);
    if (this.buffer.length < 4 + size) return null;
    const frame: Piece = { kind: 'interleaved', channel: this.buffer[1], data: this.buffer.subarray(4, 4 + size) };
    this.buffer = this.buffer.subarray(4 + size);
    return frame;
  }

  private readMessage(): Piece | null {
    // Stray line breaks between messages are allowed (some clients send a blank keep-alive line).
    let start = 0;
    while (start < this.buffer.length && (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a)) start++;
    if (start > 0) this.buffer = this.buffer.subarray(start);
    if (this.buffer.length === 0 || this.buffer[0] === 0x24) return null;
    const end = this.findHeadEnd();
    if (end === null) {
      if (this.buffer.length > MAX_HEAD_BYTES) throw new RtspProtocolError('RTSP message head too large');
      return null;
    }
    const head = parseHead(this.buffer.subarray(0, end.head).toString('latin1'));
    const length = Number(head.headers['content-length'] ?? 0);
    if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_BYTES) throw new RtspProtocolError('bad Content-Length');
    if (this.buffer.length < end.body + length) return null;
    const body = this.buffer.subarray(end.body, end.body + length);
    this.buffer = this.buffer.subarray(end.body + length);
    return { kind: 'message', message: { ...head, body } };
  }

  private findHeadEnd(): { head: number; body: number } | null {
    const crlf = this.buffer.indexOf('\r\n\r\n');
    const lf = this.buffer.indexOf('\n\n');
    if (crlf >= 0 && (lf < 0 || crlf < lf)) return { head: crlf, body: crlf + 4 };
    return lf >= 0 ? { head: lf, body: lf + 2 } : null;
  }
}

/** Server side: requests and interleaved frames (RTCP receiver reports) from a client. */
export class RtspRequestReader {
  private readonly cutter = new RtspStreamCutter();

  push(chunk: Buffer): RtspInbound[] {
    return this.cutter.push(chunk).map((piece) => (piece.kind === 'interleaved' ? piece : { kind: 'request', request: toRequest(piece.message) }));
  }
}

/** Client side: the responses a chunk completed; interleaved frames (the server's RTCP) are skipped. */
export class RtspResponseReader {
  private readonly cutter = new RtspStreamCutter();

  push(chunk: Buffer): RtspResponse[] {
    return this.cutter.push(chunk).flatMap((piece) => (piece.kind === 'message' ? [toResponse(piece.message)] : []));
  }
}

function toRequest({ startLine, headers, body }: RawMessage): RtspRequest {
  const [method, url, version] = startLine.split(' ');
  if (!method || !url || !/^RTSP\/1\.\d$/.test(version ?? '')) throw new RtspProtocolError('not an RTSP request line');
  return { method: method.toUpperCase(), url, headers, body };
}

function toResponse({ startLine, headers, body }: RawMessage): RtspResponse {
  const m = /^RTSP\/1\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (!m) throw new RtspProtocolError(`not an RTSP response: ${JSON.stringify(startLine.slice(0, 80))}`);
  return { status: Number(m[1]), reason: m[2], headers, body };
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

function serializeMessage(lines: string[], headers: Record<string, string | string[]>, text: string | undefined): Buffer {
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${item}`);
  }
  const body = Buffer.from(text ?? '', 'utf8');
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

/** Serializes a request with its CSeq. */
export function serializeRequest({ method, url, headers = {}, body }: OutgoingRtspRequest, cseq: number): Buffer {
  return serializeMessage([`${method} ${url} RTSP/1.0`, `CSeq: ${cseq}`, 'User-Agent: Argus'], headers, body);
}

/** Serializes a response; CSeq is echoed from the request as RFC 2326 requires. */
export function formatResponse(response: OutgoingRtspResponse, cseq: string | undefined): Buffer {
  const lines = [`RTSP/1.0 ${response.status} ${STATUS_TEXT[response.status] ?? 'Unknown'}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  lines.push('Server: Argus camera simulator', `Date: ${new Date().toUTCString()}`);
  return serializeMessage(lines, response.headers ?? {}, response.body);
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
