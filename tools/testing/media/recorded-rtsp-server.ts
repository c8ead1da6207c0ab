import { createServer, type Server, type Socket } from 'node:net';
import { RtspRequestReader, type RtspRequest } from '../../camera-sim/rtsp-server/rtsp-request';
import { H264Depacketizer, type ReceivedAccessUnit } from '../rtp/h264-depacketizer';
import { parseSenderReport, type RtcpSenderReport } from '../rtp/rtcp';
import { parseRtpPacket } from '../rtp/rtp-packet';

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
    const reader = new RtspRequestReader();
    socket.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk)) {
        if (message.kind === 'interleaved') this.frame(message.channel, message.data);
        else this.request(message.request, socket);
      }
    });
  }

  private frame(channel: number, packet: Uint8Array): void {
    if (channel === 0) {
      const rtp = parseRtpPacket(packet);
      if (rtp) this.units.push(...this.depacketizer.push(rtp));
    } else {
      const report = parseSenderReport(packet);
      if (report) this.reports.push(report);
    }
  }

  private request({ method, url, headers, body }: RtspRequest, socket: Socket): void {
    this.requests.push({ method, url, headers, body: body.toString() });
    socket.write(this.answer(method, headers));
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
