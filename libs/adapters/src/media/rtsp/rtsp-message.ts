/**
 * RTSP 1.0 messages on a TCP connection (RFC 2326 sections 6, 7 and 10.12), client side: the MediaMTX
 * publisher writes requests and reads responses. The stream cutter and the message writer are shared
 * with servers built on this layer (the camera simulator's, in tools/).
 */

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

/** A peer whose bytes can't be RTSP: the connection is closed. */
export class RtspProtocolError extends Error {}

const MAX_HEAD_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;

/** A message cut from the stream, before its start line is read as a request or a response. */
export interface RawRtspMessage {
  startLine: string;
  headers: Record<string, string>;
  body: Buffer;
}

export type RtspPiece = { kind: 'message'; message: RawRtspMessage } | { kind: 'interleaved'; channel: number; data: Buffer };

function parseHead(head: string): Omit<RawRtspMessage, 'body'> {
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
export class RtspStreamCutter {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RtspPiece[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const pieces: RtspPiece[] = [];
    for (;;) {
      const piece = this.buffer[0] === 0x24 ? this.readInterleaved() : this.readMessage();
      if (!piece) break;
      pieces.push(piece);
    }
    return pieces;
  }

  private readInterleaved(): RtspPiece | null {
    if (this.buffer.length < 4) return null;
    const size = this.buffer.readUInt16BE(2);
    if (this.buffer.length < 4 + size) return null;
    const frame: RtspPiece = { kind: 'interleaved', channel: this.buffer[1], data: this.buffer.subarray(4, 4 + size) };
    this.buffer = this.buffer.subarray(4 + size);
    return frame;
  }

  private readMessage(): RtspPiece | null {
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

/** Client side: the responses a chunk completed; interleaved frames (the server's RTCP) are skipped. */
export class RtspResponseReader {
  private readonly cutter = new RtspStreamCutter();

  push(chunk: Buffer): RtspResponse[] {
    return this.cutter.push(chunk).flatMap((piece) => (piece.kind === 'message' ? [toResponse(piece.message)] : []));
  }
}

function toResponse({ startLine, headers, body }: RawRtspMessage): RtspResponse {
  const m = /^RTSP\/1\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (!m) throw new RtspProtocolError(`not an RTSP response: ${JSON.stringify(startLine.slice(0, 80))}`);
  return { status: Number(m[1]), reason: m[2], headers, body };
}

/** Start line and headers (a header given a list is repeated), then the body with its Content-Length. */
export function serializeRtspMessage(lines: string[], headers: Record<string, string | string[]>, text: string | undefined): Buffer {
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${item}`);
  }
  const body = Buffer.from(text ?? '', 'utf8');
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

/** Serializes a request with its CSeq. */
export function serializeRequest({ method, url, headers = {}, body }: OutgoingRtspRequest, cseq: number): Buffer {
  return serializeRtspMessage([`${method} ${url} RTSP/1.0`, `CSeq: ${cseq}`, 'User-Agent: Argus'], headers, body);
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
