import { connect, type Socket } from 'node:net';
import { H264Depacketizer, type ReceivedAccessUnit } from '../testing/rtp/h264-depacketizer';
import { parseRtpPacket } from '../testing/rtp/rtp-packet';

export interface RtspReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A bare RTSP client over TCP (interleaved RTP) for the simulator's own tests: it shows what a camera
 * client sees packet by packet, which ffmpeg does not.
 */
export class RtspTestClient {
  readonly units: ReceivedAccessUnit[] = [];
  readonly rtpTimestamps: number[] = [];
  /** Bytes that were neither an RTSP reply nor an interleaved frame. */
  junkBytes = 0;
  rtcpPackets = 0;
  rtpPackets = 0;
  /** Frames on the RTP channel that did not parse as RTP. */
  invalidRtp = 0;
  readonly closed: Promise<void>;
  private buffer = Buffer.alloc(0);
  private cseq = 0;
  private session = '';
  private readonly waiting: ((reply: RtspReply) => void)[] = [];
  private readonly depacketizer = new H264Depacketizer();

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static open(url: string): Promise<RtspTestClient> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new RtspTestClient(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readableEnded;
  }

  /** Sends a request and resolves with the reply; rejects if the connection closes first. */
  request(method: string, url: string, headers: Record<string, string> = {}): Promise<RtspReply> {
    const lines = [`${method} ${url} RTSP/1.0`, `CSeq: ${++this.cseq}`];
    if (this.session) lines.push(`Session: ${this.session}`);
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    this.socket.write(lines.join('\r\n') + '\r\n\r\n');
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      void this.closed.then(() => reject(new Error(`connection closed before the ${method} reply`)));
    });
  }

  /** DESCRIBE, SETUP (interleaved TCP) and PLAY; returns the PLAY reply. */
  async play(url: string, headers: Record<string, string> = {}): Promise<RtspReply> {
    const describe = await this.request('DESCRIBE', url, headers);
    if (describe.status !== 200) return describe;
    const setup = await this.request('SETUP', `${url}/trackID=0`, { ...headers, Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
    if (setup.status !== 200) return setup;
    this.session = setup.headers['session'].split(';')[0];
    return this.request('PLAY', `${url}/`, headers);
  }

  /** Resolves once `predicate` holds, checking every 20 ms; rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the RTSP test client');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length > 0) {
      const consumed = this.buffer[0] === 0x24 ? this.readInterleaved() : this.readReply();
      if (consumed === 0) break;
      this.buffer = this.buffer.subarray(consumed);
    }
  }

  private readInterleaved(): number {
    if (this.buffer.length < 4) return 0;
    const size = this.buffer.readUInt16BE(2);
    if (this.buffer.length < 4 + size) return 0;
    const data = this.buffer.subarray(4, 4 + size);
    if (this.buffer[1] % 2 === 1) this.rtcpPackets++;
    else this.onRtp(new Uint8Array(data));
    return 4 + size;
  }

  private onRtp(data: Uint8Array): void {
    this.rtpPackets++;
    const packet = parseRtpPacket(data);
    if (!packet) {
      this.invalidRtp++;
      return;
    }
    for (const unit of this.depacketizer.push(packet)) {
      this.units.push(unit);
      this.rtpTimestamps.push(unit.timestamp);
    }
  }

  private readReply(): number {
    if (!this.buffer.subarray(0, 9).toString('latin1').startsWith('RTSP/1.0 '.slice(0, Math.min(9, this.buffer.length)))) {
      this.junkBytes += this.buffer.length;
      return this.buffer.length;
    }
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return 0;
    const [statusLine, ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const name = line.slice(0, line.indexOf(':')).toLowerCase();
      const value = line.slice(line.indexOf(':') + 1).trim();
      headers[name] = headers[name] ? `${headers[name]}, ${value}` : value; // repeated headers (WWW-Authenticate)
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < end + 4 + length) return 0;
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.waiting.shift()?.({ status: Number(statusLine.split(' ')[1]), headers, body });
    return end + 4 + length;
  }
}
