import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { resolvePath, type CameraPath, type PathClient } from './camera-path';
import type { FrameSent } from './clip-stream';
import type { RtspAuthenticator } from './rtsp-auth';
import { RtspProtocolError } from '@argus/adapters/media/rtsp';
import { RtspRequestReader, formatResponse, type OutgoingRtspResponse, type RtspRequest } from './rtsp-request';
import { RtspSession } from './rtsp-session';
import { describeClip, TRACK_CONTROL } from './sdp';
import { parseTransportHeader } from './transport-header';
import type { UdpPorts } from './udp-ports';

/** What every connection shares with the server. */
export interface ServerContext {
  paths: ReadonlyMap<string, CameraPath>;
  auth: RtspAuthenticator | null;
  udp: UdpPorts | null;
  sessionTimeoutMs: number;
  /** All sessions of the server, for UDP keep-alives and the timeout sweep. */
  sessions: Map<string, RtspSession>;
  sdpVersion: number;
  onFrameSent?: (frame: FrameSent) => void;
}

const PUBLIC_METHODS = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER';

/** One client's RTSP control connection: requests in, responses (and interleaved RTP) out. */
export class RtspConnection implements PathClient {
  private readonly reader = new RtspRequestReader();
  private readonly sessions = new Map<string, RtspSession>();
  private readonly connectedAt = Date.now();
  private path: CameraPath | null = null;
  private dropTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly context: ServerContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClose());
    socket.on('error', () => undefined); // resets by clients are normal; 'close' follows
  }

  cut(): void {
    if (this.path) this.path.stats.dropped++;
    this.socket.destroy();
  }

  armDrop(): void {
    if (this.dropTimer !== null) clearTimeout(this.dropTimer);
    this.dropTimer = null;
    const after = this.path?.fault.dropAfterMs;
    if (after === undefined || this.socket.destroyed) return;
    const delay = Math.max(0, this.connectedAt + after - Date.now());
    this.dropTimer = setTimeout(() => this.cut(), delay);
  }

  /** Ends one of this connection's sessions (TEARDOWN or time-out). */
  endSession(session: RtspSession): void {
    session.close();
    this.sessions.delete(session.id);
    this.context.sessions.delete(session.id);
  }

  private onData(chunk: Buffer): void {
    for (const session of this.sessions.values()) session.touch(); // RTCP receiver reports count as life
    try {
      for (const message of this.reader.push(chunk)) {
        if (message.kind === 'request') this.handle(message.request);
      }
    } catch (error) {
      if (!(error instanceof RtspProtocolError)) throw error;
      this.socket.end(formatResponse({ status: 400 }, undefined));
    }
  }

  private onClose(): void {
    if (this.dropTimer !== null) clearTimeout(this.dropTimer);
    for (const session of [...this.sessions.values()]) this.endSession(session);
    this.path?.clients.delete(this);
  }

  private handle(request: RtspRequest): void {
    if (this.socket.destroyed) return;
    const target = resolvePath(request.url, this.context.paths);
    if (target && !this.admit(target.path, request)) return;
    if (this.context.auth && request.method !== 'OPTIONS' && !this.context.auth.authorize(request)) {
      this.respond(request, { status: 401, headers: { 'WWW-Authenticate': this.context.auth.challenges() } });
      return;
    }
    this.respond(request, this.answer(request, target?.path ?? null));
  }

  /** Applies the path's faults to a request; false when it must not be answered normally. */
  private admit(path: CameraPath, request: RtspRequest): boolean {
    const fault = path.fault;
    if (fault.down || fault.refuse === 'reset') {
      path.stats.refused++;
      this.socket.destroy();
      return false;
    }
    if (fault.garbage === 'rtsp') {
      const junk = randomBytes(512);
      junk[0] = 0; // never '$' (which a client reads as an interleaved frame) nor 'R' (a reply)
      this.socket.end(junk);
      return false;
    }
    if (!this.path) {
      this.path = path;
      path.clients.add(this);
      this.armDrop();
    }
    if (fault.refuse) {
      path.stats.refused++;
      this.respond(request, { status: 503 });
      return false;
    }
    return true;
  }

  private respond(request: RtspRequest, response: OutgoingRtspResponse): void {
    if (!this.socket.destroyed) this.socket.write(formatResponse(response, request.headers['cseq']));
  }

  private answer(request: RtspRequest, path: CameraPath | null): OutgoingRtspResponse {
    switch (request.method) {
      case 'OPTIONS':
        return { status: 200, headers: { Public: PUBLIC_METHODS } };
      case 'DESCRIBE':
        return path ? this.describe(request, path) : { status: 404 };
      case 'SETUP':
        return path ? this.setup(request, path) : { status: 404 };
      case 'PLAY':
      case 'PAUSE':
      case 'TEARDOWN':
      case 'GET_PARAMETER':
      case 'SET_PARAMETER':
        return this.withSession(request);
      default:
        return { status: 501 };
    }
  }

  private describe(request: RtspRequest, path: CameraPath): OutgoingRtspResponse {
    const base = request.url.split('?')[0].replace(/\/*$/, '/');
    const address = this.socket.localAddress ?? '127.0.0.1';
    return {
      status: 200,
      headers: { 'Content-Type': 'application/sdp', 'Content-Base': base },
      body: describeClip(path.name, path.clip, address, this.context.sdpVersion),
    };
  }

  private setup(request: RtspRequest, path: CameraPath): OutgoingRtspResponse {
    const transport = parseTransportHeader(request.headers['transport']);
    if (!transport || (transport.kind === 'udp' && !this.context.udp)) return { status: 461 };
    const existing = this.findSession(request);
    if (existing) return { status: 459 }; // one track per path: a second SETUP in a session makes no sense
    const session = new RtspSession({
      path,
      transport,
      socket: this.socket,
      udp: this.context.udp,
      timeoutMs: this.context.sessionTimeoutMs,
      onFrameSent: this.context.onFrameSent,
    });
    this.sessions.set(session.id, session);
    this.context.sessions.set(session.id, session);
    return { status: 200, headers: { Session: session.header, Transport: session.transportHeader(this.context.udp) } };
  }

  private findSession(request: RtspRequest): RtspSession | undefined {
    const id = (request.headers['session'] ?? '').split(';')[0].trim();
    return id ? this.sessions.get(id) : undefined;
  }

  private withSession(request: RtspRequest): OutgoingRtspResponse {
    const session = this.findSession(request);
    if (!session) return request.method === 'GET_PARAMETER' || request.method === 'SET_PARAMETER' ? { status: 200 } : { status: 454 };
    session.touch();
    const headers: Record<string, string> = { Session: session.header };
    if (request.method === 'PLAY') {
      const { sequenceNumber, rtpTimestamp } = session.play();
      const url = request.url.split('?')[0].replace(/\/*$/, '');
      const trackUrl = url.endsWith(`/${TRACK_CONTROL}`) ? url : `${url}/${TRACK_CONTROL}`;
      headers['Range'] = 'npt=0.000-';
      headers['RTP-Info'] = `url=${trackUrl};seq=${sequenceNumber};rtptime=${rtpTimestamp}`;
    } else if (request.method === 'PAUSE') {
      session.pause();
    } else if (request.method === 'TEARDOWN') {
      this.endSession(session);
    }
    return { status: 200, headers };
  }
}
