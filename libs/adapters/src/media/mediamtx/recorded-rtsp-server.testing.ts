import { createServer, type Server, type Socket } from 'node:net';
import { H264Depacketizer, parseRtpPacket, parseSenderReport, type ReceivedAccessUnit, type RtcpSenderReport } from '../h264';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A stand-in for MediaMTX's RTSP listener that answers a publisher with the exchange recorded from
 * MediaMTX 1.x (gortsplib server: `Server: gortsplib`, `Session: <id>;timeout=55`, the SETUP
 * transport echoed, 401 with a Basic challenge when its auth hook refuses). It keeps the requests
 * and rebuilds the H.264 it receives on interleaved channel 0.
 */
export class RecordedRtspServer {
  readonly requests: ReceivedRequest[] = [];
  readonly units: ReceivedAccessUnit[] = [];
  readonly reports: RtcpSenderReport[] = [];
  private readonly depacketizer = new H264Depacketizer();
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  /** `refuse`: answer 401 to ANNOUNCE whatever the credentials (the hook said no). */
  constructor(private readonly expected: { authorization?: string; refuse?: boolean } = {}) {
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const used = pending[0] === 0x24 ? this.frame(pending) : this.request(pending, socket);
        if (used === 0) break;
        pending = pending.subarray(used);
      }
    });
  }

  private frame(bytes: Buffer): number {
    if (bytes.length < 4 || bytes.length < 4 + bytes.readUInt16BE(2)) return 0;
    const size = 4 + bytes.readUInt16BE(2);
    const packet = bytes.subarray(4, size);
    if (bytes[1] === 0) {
      const rtp = parseRtpPacket(packet);
      if (rtp) this.units.push(...this.depacketizer.push(rtp));
    } else {
      const report = parseSenderReport(packet);
      if (report) this.reports.push(report);
    }
    return size;
  }

  private request(bytes: Buffer, socket: Socket): number {
    const end = bytes.indexOf('\r\n\r\n');
    if (end < 0) return 0;
    const [line, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (bytes.length < end + 4 + length) return 0;
    const [method, url] = line.split(' ');
    this.requests.push({ method, url, headers, body: bytes.subarray(end + 4, end + 4 + length).toString() });
    socket.write(this.answer(method, headers));
    return end + 4 + length;
  }

  private answer(method: string, headers: Record<string, string>): string {
    const base = `CSeq: ${headers['cseq']}\r\nServer: gortsplib\r\n`;
    const authorized = !this.expected.refuse && (this.expected.authorization === undefined || headers['authorization'] === this.expected.authorization);
    if (method === 'OPTIONS') return `RTSP/1.0 200 OK\r\n${base}Public: DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, GET_PARAMETER, TEARDOWN\r\n\r\n`;
    if (method === 'ANNOUNCE' && !authorized) return `RTSP/1.0 401 Unauthorized\r\n${base}WWW-Authenticate: Basic realm="mediamtx"\r\n\r\n`;
    if (method === 'SETUP') return `RTSP/1.0 200 OK\r\n${base}Session: 9f2ac1d4;timeout=55\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n`;
    return `RTSP/1.0 200 OK\r\n${base}${method === 'RECORD' ? 'Session: 9f2ac1d4;timeout=55\r\n' : ''}\r\n`;
  }
}
