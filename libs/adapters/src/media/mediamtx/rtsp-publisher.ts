import { randomInt } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { RtcpSenderInfo, RtcpSrPacket } from 'werift';
import { H264Packetizer } from '../h264';
import { publishSdp } from './publish-sdp';
import { RtspResponseReader, interleavedFrame, serializeRequest, type OutgoingRtspRequest, type RtspResponse } from '../rtsp/rtsp-message';

export interface RtspPublisherOptions {
  /** Per request of the handshake. */
  timeoutMs: number;
  /** Units are dropped (until the next keyframe) while this much is waiting in the socket. */
  maxBufferedBytes: number;
  senderReportMs: number;
}

export const DEFAULT_PUBLISHER_OPTIONS: RtspPublisherOptions = { timeoutMs: 5000, maxBufferedBytes: 2 * 1024 * 1024, senderReportMs: 5000 };

/** The server refused the credentials (MediaMTX: its auth hook said no). */
export class RtspAuthError extends Error {
  override readonly name = 'RtspAuthError';
}

const RTP_CHANNEL = 0;
const RTCP_CHANNEL = 1;

/**
 * Pushes one H.264 stream to an RTSP server (ANNOUNCE, SETUP, RECORD; RTP interleaved on the TCP
 * connection), the way ffmpeg's `-f rtsp` does, without a process per camera. Credentials in the URL
 * are sent as Basic, the only scheme MediaMTX can forward to an HTTP auth hook.
 */
export class RtspPublisher {
  private readonly reader = new RtspResponseReader();
  private readonly packetizer = new H264Packetizer({ ssrc: randomInt(2 ** 32), initialSequenceNumber: randomInt(0x10000) });
  private cseq = 0;
  private waiting: { resolve: (response: RtspResponse) => void; reject: (error: Error) => void } | null = null;
  private closedListeners: Array<(reason: string) => void> = [];
  private closed = false;
  private dropping = false;
  private packets = 0;
  private octets = 0;
  private lastReport = 0;
  private session = '';
  /** Units dropped because the connection could not keep up. */
  dropped = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly url: URL,
    private readonly options: RtspPublisherOptions,
  ) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', (error) => this.end(`connection error: ${error.message}`));
    socket.on('close', () => this.end('the server closed the connection'));
  }

  /** Connects and completes the handshake; rejects with RtspAuthError or the server's answer. */
  static async open(url: string, sps: Uint8Array, pps: Uint8Array, options = DEFAULT_PUBLISHER_OPTIONS): Promise<RtspPublisher> {
    const target = new URL(url);
    if (target.protocol !== 'rtsp:') throw new Error('only rtsp:// URLs can be published to');
    const socket = await openSocket(target.hostname, Number(target.port || 554), options.timeoutMs);
    const publisher = new RtspPublisher(socket, target, options);
    try {
      await publisher.handshake(publishSdp(sps, pps));
      return publisher;
    } catch (error) {
      socket.destroy();
      throw error;
    }
  }

  onClosed(listener: (reason: string) => void): void {
    this.closedListeners.push(listener);
  }

  /**
   * Sends one access unit stamped `pts90k`. While the socket is backed up, units are dropped until
   * the next keyframe (a P picture without its references would only smear). False when dropped.
   */
  send(nals: readonly Uint8Array[], pts90k: number, keyframe: boolean, receivedAt: number): boolean {
    if (this.closed) return false;
    if (this.socket.writableLength > this.options.maxBufferedBytes) this.dropping = true;
    else if (this.dropping && keyframe) this.dropping = false;
    if (this.dropping) {
      this.dropped++;
      return false;
    }
    const timestamp = Math.round(pts90k) >>> 0;
    const packets = this.packetizer.packetize(nals, timestamp);
    const frames = packets.map((packet) => interleavedFrame(RTP_CHANNEL, packet.serialize()));
    this.packets += packets.length;
    this.octets += packets.reduce((sum, p) => sum + p.payload.length, 0);
    this.socket.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
    if (receivedAt - this.lastReport >= this.options.senderReportMs) this.report(timestamp, receivedAt);
    return true;
  }

  /** TEARDOWN, then the connection is closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    const teardown = serializeRequest({ method: 'TEARDOWN', url: this.baseUrl(), headers: { Session: this.session } }, ++this.cseq);
    this.end('closed by Argus');
    await new Promise<void>((resolve) => this.socket.end(teardown, () => resolve()));
    this.socket.destroy();
  }

  private async handshake(sdp: string): Promise<void> {
    await this.request({ method: 'OPTIONS', url: this.baseUrl() });
    await this.request({ method: 'ANNOUNCE', url: this.baseUrl(), headers: { 'Content-Type': 'application/sdp' }, body: sdp });
    const setup = await this.request({
      method: 'SETUP',
      url: `${this.baseUrl()}/streamid=0`,
      headers: { Transport: `RTP/AVP/TCP;unicast;interleaved=${RTP_CHANNEL}-${RTCP_CHANNEL};mode=record` },
    });
    this.session = (setup.headers['session'] ?? '').split(';')[0].trim();
    if (!this.session) throw new Error('the RTSP server answered SETUP without a session');
    await this.request({ method: 'RECORD', url: this.baseUrl(), headers: { Session: this.session, Range: 'npt=0.000-' } });
  }

  /** Sends a request and waits for its answer; anything but 2xx is an error. */
  private async request(request: OutgoingRtspRequest): Promise<RtspResponse> {
    const headers = { ...request.headers, ...this.authorization() };
    const response = await new Promise<RtspResponse>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${request.method} in ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      this.waiting = {
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.socket.write(serializeRequest({ ...request, headers }, ++this.cseq));
    });
    if (response.status === 401) {
      throw new RtspAuthError(`${request.method} refused (401): ${this.authorization().Authorization ? 'wrong credentials' : 'credentials required'}`);
    }
    if (response.status < 200 || response.status > 299) {
      throw new Error(`${request.method} answered ${response.status} ${response.reason}`);
    }
    return response;
  }

  private authorization(): Record<string, string> {
    if (!this.url.username) return {};
    const user = decodeURIComponent(this.url.username);
    const pass = decodeURIComponent(this.url.password);
    return { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
  }

  /** The URL without credentials (they travel in the Authorization header only). */
  private baseUrl(): string {
    return `rtsp://${this.url.host}${this.url.pathname.replace(/\/+$/, '')}`;
  }

  private read(chunk: Buffer): void {
    try {
      for (const response of this.reader.push(chunk)) {
        const waiting = this.waiting;
        this.waiting = null;
        waiting?.resolve(response);
      }
    } catch (error) {
      this.socket.destroy();
      this.end(`unreadable answer: ${(error as Error).message}`);
    }
  }

  private report(rtpTimestamp: number, wallClockMs: number): void {
    this.lastReport = wallClockMs;
    const senderInfo = new RtcpSenderInfo({
      ntpTimestamp: ntpTimestamp(wallClockMs),
      rtpTimestamp: rtpTimestamp >>> 0,
      packetCount: this.packets >>> 0,
      octetCount: this.octets >>> 0,
    });
    const report = new RtcpSrPacket({ ssrc: this.packetizer.ssrc >>> 0, senderInfo }).serialize();
    this.socket.write(interleavedFrame(RTCP_CHANNEL, report));
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.waiting?.reject(new Error(reason));
    this.waiting = null;
    for (const listener of this.closedListeners) listener(reason);
  }
}

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

/** Wall-clock time as a 64-bit NTP timestamp (RFC 3550 section 4): seconds, then a 32-bit fraction. */
function ntpTimestamp(wallClockMs: number): bigint {
  const seconds = Math.floor(wallClockMs / 1000);
  const fraction = Math.floor(((wallClockMs % 1000) / 1000) * 2 ** 32);
  return (BigInt((seconds + NTP_UNIX_OFFSET_S) >>> 0) << 32n) | BigInt(fraction >>> 0);
}

function openSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`could not connect to ${host}:${port} in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
