import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { createServer, Server, Socket } from 'node:net';
import { demuxAll } from './test-clip';
import { Clip, prepareClip, RtpClipPlayer } from './rtp-clip-player';

export interface RtspTestServerOptions {
  /** An MPEG-TS clip (H.264 or H.265), served in a loop in real time. */
  clip: Uint8Array;
  path?: string;
  /** Answer every DESCRIBE with 401, whatever the credentials (a camera with a wrong password). */
  rejectCredentials?: boolean;
  /** Send SPS/PPS only in the SDP, never in band, as many cameras do. */
  parameterSetsInSdpOnly?: boolean;
}

interface Session {
  player: RtpClipPlayer | null;
  interleaved: number | null;
  udp: { rtp: UdpSocket; rtcp: UdpSocket; clientPort: number } | null;
}

/**
 * A minimal RTSP server for tests (OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN; RTP over TCP
 * interleaved or UDP), serving one clip on one path. Not a camera simulator: just enough for ffmpeg.
 */
export class RtspTestServer {
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Set<Session>();
  private readonly sentAt = new Map<number, number>();
  private readonly clip: Clip;

  private constructor(private readonly server: Server, private readonly options: RtspTestServerOptions) {
    this.clip = prepareClip(demuxAll(options.clip), options);
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: RtspTestServerOptions): Promise<RtspTestServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new RtspTestServer(server, options);
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  get clients(): number {
    return this.sockets.size;
  }

  /** The stream's URL, optionally with `user:password` credentials. */
  url(credentials?: string): string {
    return `rtsp://${credentials ? `${credentials}@` : ''}127.0.0.1:${this.port}${this.options.path ?? '/live'}`;
  }

  /**
   * When the frame at `offset90k` from the start of the stream was sent (latest session). With
   * RTP-Info in the PLAY reply, ffmpeg's PTS for a unit is exactly this offset.
   */
  frameSentAt(offset90k: number): number | undefined {
    return this.sentAt.get(offset90k);
  }

  /** Stops sending media but keeps the connections open: a camera that hangs. */
  stall(): void {
    for (const session of this.sessions) session.player?.stop();
  }

  /** Closes every client connection at once: a camera that drops. */
  dropClients(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const session: Session = { player: null, interleaved: null, udp: null };
    this.sessions.add(session);
    let buffer: Buffer = Buffer.alloc(0);
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      buffer = this.consume(buffer, socket, session);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.sessions.delete(session);
      endSession(session);
    });
  }

  /** Handles every complete request in the buffer (skipping interleaved RTCP); returns the rest. */
  private consume(buffer: Buffer, socket: Socket, session: Session): Buffer {
    for (;;) {
      if (buffer[0] === 0x24) {
        if (buffer.length < 4 || buffer.length < 4 + buffer.readUInt16BE(2)) return buffer;
        buffer = buffer.subarray(4 + buffer.readUInt16BE(2));
        continue;
      }
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return buffer;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return buffer;
      buffer = buffer.subarray(end + 4 + length);
      this.request(head, socket, session);
    }
  }

  private request(head: string, socket: Socket, session: Session): void {
    const [requestLine, ...lines] = head.split('\r\n');
    const [method, uri] = requestLine.split(' ');
    const header = (name: string) => lines.find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
    const reply = (status: string, headers: string[] = [], body = '') => {
      const all = [`CSeq: ${header('cseq') ?? 0}`, ...headers, ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : [])];
      socket.write(`RTSP/1.0 ${status}\r\n${all.join('\r\n')}\r\n\r\n${body}`);
    };
    const sessionHeader = 'Session: 12345678;timeout=60';
    switch (method) {
      case 'OPTIONS':
        return reply('200 OK', ['Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER']);
      case 'DESCRIBE':
        if (this.options.rejectCredentials) return reply('401 Unauthorized', ['WWW-Authenticate: Basic realm="argus-test"']);
        if (!uri.includes(this.options.path ?? '/live')) return reply('404 Not Found');
        return reply('200 OK', ['Content-Type: application/sdp', `Content-Base: ${uri}/`], sdp(this.clip));
      case 'SETUP':
        void this.setup(header('transport') ?? '', session).then((transport) => reply('200 OK', [transport, sessionHeader]));
        return;
      case 'PLAY':
        return reply('200 OK', [sessionHeader, 'Range: npt=0.000-', this.play(uri, socket, session)]);
      case 'TEARDOWN':
        endSession(session);
        return reply('200 OK', [sessionHeader]);
      case 'GET_PARAMETER':
        return reply('200 OK', [sessionHeader]);
      default:
        return reply('405 Method Not Allowed');
    }
  }

  /** Picks TCP interleaved or UDP from the client's Transport header; returns ours. */
  private async setup(transport: string, session: Session): Promise<string> {
    const interleaved = /interleaved=(\d+)/.exec(transport);
    if (interleaved || transport.includes('/TCP')) {
      session.interleaved = Number(interleaved?.[1] ?? 0);
      return `Transport: RTP/AVP/TCP;unicast;interleaved=${session.interleaved}-${session.interleaved + 1}`;
    }
    const clientPort = Number(/client_port=(\d+)/.exec(transport)?.[1]);
    const [rtp, rtcp] = await Promise.all([boundUdpSocket(), boundUdpSocket()]);
    session.udp = { rtp, rtcp, clientPort };
    const ports = `${rtp.address().port}-${rtcp.address().port}`;
    return `Transport: RTP/AVP;unicast;client_port=${clientPort}-${clientPort + 1};server_port=${ports}`;
  }

  /** Starts the clip; returns the RTP-Info header that ties its first packet to the stream's start. */
  private play(uri: string, socket: Socket, session: Session): string {
    session.player?.stop();
    const send = session.udp
      ? (packet: Uint8Array) => session.udp?.rtp.send(packet, session.udp.clientPort, socket.remoteAddress)
      : (packet: Uint8Array) => {
          const frame = Buffer.alloc(4);
          frame[0] = 0x24;
          frame[1] = session.interleaved ?? 0;
          frame.writeUInt16BE(packet.length, 2);
          socket.write(Buffer.concat([frame, packet]));
        };
    this.sentAt.clear();
    const player = new RtpClipPlayer(this.clip, send, (offset) => this.sentAt.set(offset, Date.now()));
    session.player = player;
    // The reply goes out first, as a camera would answer before streaming.
    setImmediate(() => player.start());
    return `RTP-Info: url=${uri}/trackID=0;seq=${player.firstSequence};rtptime=${player.timestampBase}`;
  }
}

function boundUdpSocket(): Promise<UdpSocket> {
  const socket = createSocket('udp4');
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket)));
}

function endSession(session: Session): void {
  session.player?.stop();
  session.player = null;
  session.udp?.rtp.close();
  session.udp?.rtcp.close();
  session.udp = null;
}

function sdp(clip: Clip): string {
  const b64 = (nal: Uint8Array) => Buffer.from(nal).toString('base64');
  const sets = clip.parameterSets;
  const fmtp =
    clip.codec === 'h265'
      ? `sprop-vps=${b64(sets[0])};sprop-sps=${b64(sets[1])};sprop-pps=${b64(sets[2])}`
      : `packetization-mode=1;profile-level-id=${Buffer.from(sets[0].subarray(1, 4)).toString('hex')};` +
        `sprop-parameter-sets=${sets.map(b64).join(',')}`;
  return [
    'v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=Argus test', 'c=IN IP4 0.0.0.0', 't=0 0',
    'm=video 0 RTP/AVP 96', `a=rtpmap:96 ${clip.codec === 'h265' ? 'H265' : 'H264'}/90000`,
    `a=fmtp:96 ${fmtp}`, 'a=control:trackID=0', '',
  ].join('\r\n');
}
