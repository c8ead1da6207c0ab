import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { ClipStream, type FrameSent, type RtpSink } from './clip-stream';
import type { CameraPath } from './camera-path';
import { interleavedFrame } from '@argus/adapters/media/rtsp';
import type { RequestedTransport } from './transport-header';
import type { UdpPorts } from './udp-ports';

/** A TCP client whose unsent data passes this is treated as congested: frames wait for the next keyframe. */
const MAX_QUEUED_BYTES = 2 * 1024 * 1024;

function tcpSink(socket: Socket, rtpChannel: number, rtcpChannel: number): RtpSink {
  const writable = () => !socket.destroyed && socket.writable;
  return {
    sendRtp(packets) {
      if (!writable()) return;
      socket.cork();
      for (const packet of packets) socket.write(interleavedFrame(rtpChannel, packet));
      socket.uncork();
    },
    sendRtcp(packet) {
      if (writable()) socket.write(interleavedFrame(rtcpChannel, packet));
    },
    congested: () => socket.writableLength > MAX_QUEUED_BYTES,
  };
}

function udpSink(udp: UdpPorts, address: string, rtpPort: number, rtcpPort: number): RtpSink {
  return {
    sendRtp: (packets) => packets.forEach((packet) => udp.sendRtp(packet, rtpPort, address)),
    sendRtcp: (packet) => udp.sendRtcp(packet, rtcpPort, address),
    congested: () => false,
  };
}

export interface SessionSetup {
  path: CameraPath;
  transport: RequestedTransport;
  socket: Socket;
  udp: UdpPorts | null;
  timeoutMs: number;
  onFrameSent?: (frame: FrameSent) => void;
}

/** An RTSP session (RFC 2326 section 3.4): one client's delivery of one path, from SETUP to TEARDOWN. */
export class RtspSession {
  readonly id = randomBytes(8).toString('hex').toUpperCase();
  readonly path: CameraPath;
  readonly transport: RequestedTransport;
  readonly stream: ClipStream;
  private lastActivity = Date.now();
  private closed = false;

  constructor(private readonly setup: SessionSetup) {
    const { path, transport, socket, udp } = setup;
    this.path = path;
    this.transport = transport;
    const address = socket.remoteAddress ?? '127.0.0.1';
    const sink =
      transport.kind === 'tcp'
        ? tcpSink(socket, transport.rtpChannel, transport.rtcpChannel)
        : udpSink(udp as UdpPorts, address, transport.rtpPort, transport.rtcpPort);
    this.stream = new ClipStream({
      path: path.name,
      sessionId: this.id,
      clip: path.clip,
      sink,
      fault: () => path.fault,
      stats: path.stats,
      onFrameSent: setup.onFrameSent,
    });
    path.stats.sessions++;
  }

  /** Value of the Session header: the id and how long the client may stay silent. */
  get header(): string {
    return `${this.id};timeout=${Math.round(this.setup.timeoutMs / 1000)}`;
  }

  /** The Transport header of the SETUP answer. */
  transportHeader(udp: UdpPorts | null): string {
    const ssrc = this.stream.ssrc.toString(16).toUpperCase().padStart(8, '0');
    if (this.transport.kind === 'tcp') {
      return `RTP/AVP/TCP;unicast;interleaved=${this.transport.rtpChannel}-${this.transport.rtcpChannel};ssrc=${ssrc};mode=play`;
    }
    const { rtpPort, rtcpPort } = this.transport;
    return `RTP/AVP;unicast;client_port=${rtpPort}-${rtcpPort};server_port=${udp?.rtpPort}-${udp?.rtcpPort};ssrc=${ssrc};mode=play`;
  }

  /** Does a datagram from this address and port belong to this session's client? */
  isUdpPeer(address: string, port: number): boolean {
    return (
      this.transport.kind === 'udp' &&
      address === this.setup.socket.remoteAddress &&
      (port === this.transport.rtpPort || port === this.transport.rtcpPort)
    );
  }

  get socket(): Socket {
    return this.setup.socket;
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  expired(now: number): boolean {
    return now - this.lastActivity > this.setup.timeoutMs;
  }

  play(): { sequenceNumber: number; rtpTimestamp: number } {
    if (!this.stream.isPlaying) this.path.stats.playing++;
    return this.stream.play();
  }

  pause(): void {
    if (this.stream.isPlaying) this.path.stats.playing--;
    this.stream.pause();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pause();
    this.stream.stop();
    this.path.stats.sessions--;
  }
}
