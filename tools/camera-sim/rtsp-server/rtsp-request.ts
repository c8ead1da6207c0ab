/**
 * The server side of RTSP 1.0 messages (RFC 2326 sections 6 and 7): the camera simulator reads
 * requests and writes responses, on the byte-level layer Argus's publisher uses as a client.
 */
import { RtspProtocolError, RtspStreamCutter, serializeRtspMessage, type RawRtspMessage } from '@argus/adapters/media/rtsp';

/** One RTSP request as a server reads it; header names are lower-cased. */
export interface RtspRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A response to send (CSeq, Server and Date are added); a header given a list is repeated. */
export interface OutgoingRtspResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** What a client sends on an RTSP connection: requests, or RTP/RTCP interleaved with them ('$' frames). */
export type RtspInbound = { kind: 'request'; request: RtspRequest } | { kind: 'interleaved'; channel: number; data: Buffer };

/** Requests and interleaved frames (RTCP receiver reports) from a client. */
export class RtspRequestReader {
  private readonly cutter = new RtspStreamCutter();

  push(chunk: Buffer): RtspInbound[] {
    return this.cutter.push(chunk).map((piece) => (piece.kind === 'interleaved' ? piece : { kind: 'request', request: toRequest(piece.message) }));
  }
}

function toRequest({ startLine, headers, body }: RawRtspMessage): RtspRequest {
  const [method, url, version] = startLine.split(' ');
  if (!method || !url || !/^RTSP\/1\.\d$/.test(version ?? '')) throw new RtspProtocolError('not an RTSP request line');
  return { method: method.toUpperCase(), url, headers, body };
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

/** Serializes a response; CSeq is echoed from the request as RFC 2326 requires. */
export function formatResponse(response: OutgoingRtspResponse, cseq: string | undefined): Buffer {
  const lines = [`RTSP/1.0 ${response.status} ${STATUS_TEXT[response.status] ?? 'Unknown'}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  lines.push('Server: Argus camera simulator', `Date: ${new Date().toUTCString()}`);
  return serializeRtspMessage(lines, response.headers ?? {}, response.body);
}
