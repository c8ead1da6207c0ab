import { createServer, type Server, type Socket } from 'node:net';
import { CameraPath } from './camera-path';
import { loadClip, type Clip } from './clip';
import type { FrameSent } from './clip-stream';
import type { PathFault, PathStats } from './faults';
import { RtspAuthenticator, type CameraCredentials } from './rtsp-auth';
import { RtspConnection, type ServerContext } from './rtsp-connection';
import type { RtspSession } from './rtsp-session';
import { UdpPorts } from './udp-ports';

export interface CameraPathOptions {
  /** An Annex B H.264 file (see ensureClips) or a clip already in memory. */
  clip: string | Clip;
  /** Overrides the frame rate from the SPS timing info. */
  fps?: number;
  fault?: PathFault;
}

export interface RtspCameraServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: nothing outside this machine sees the server unless asked. */
  host?: string;
  /** Path name (without the leading slash) → what it serves, e.g. { faces: { clip } }. */
  paths: Record<string, CameraPathOptions>;
  /** Credentials every path asks for (OPTIONS excepted), as cameras do. */
  auth?: CameraCredentials;
  /** A session that sends nothing (no request, no RTCP) for this long is torn down. Default 60. */
  sessionTimeoutS?: number;
  /** Called for each picture sent (benchmarks use it to map the burned-in counter to a send time). */
  onFrameSent?: (frame: FrameSent) => void;
}

export interface RtspCameraServerStats {
  /** Open client connections (all paths). */
  connections: number;
  paths: Record<string, PathStats>;
}

export interface RtspCameraServer {
  readonly port: number;
  readonly host: string;
  /** rtsp:// URL of a path, with credentials when given. */
  url(path: string, credentials?: { username: string; password: string }): string;
  /** Replaces a path's faults ({} clears them). */
  setFault(path: string, fault: PathFault): void;
  /** The path's camera goes away (for `forMs`, or until up()). */
  down(path: string, forMs?: number): void;
  up(path: string): void;
  stats(): RtspCameraServerStats;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

function buildPaths(options: RtspCameraServerOptions): Map<string, CameraPath> {
  const paths = new Map<string, CameraPath>();
  for (const [rawName, spec] of Object.entries(options.paths)) {
    const name = rawName.replace(/^\/+|\/+$/g, '');
    const clip = typeof spec.clip === 'string' ? loadClip(spec.clip, spec.fps) : spec.clip;
    paths.set(name, new CameraPath(name, spec.fps ? { ...clip, fps: spec.fps } : clip, spec.fault));
  }
  return paths;
}

/** Tears down sessions whose clients went silent (RFC 2326 section 12.37). */
function sweepSessions(sessions: Map<string, RtspSession>, connections: Map<Socket, RtspConnection>): void {
  const now = Date.now();
  for (const session of [...sessions.values()]) {
    if (!session.expired(now)) continue;
    connections.get(session.socket)?.endSession(session);
    // An interleaved session lives on its connection: a silent TCP client is gone.
    if (session.transport.kind === 'tcp') session.socket.destroy();
  }
}

/** Starts an RTSP 1.0 server that plays H.264 clips as live cameras, with fault injection per path. */
export async function startRtspCameraServer(options: RtspCameraServerOptions): Promise<RtspCameraServer> {
  const host = options.host ?? '127.0.0.1';
  const paths = buildPaths(options);
  const sessions = new Map<string, RtspSession>();
  const touchUdp = (address: string, port: number) => {
    for (const session of sessions.values()) if (session.isUdpPeer(address, port)) session.touch();
  };
  const context: ServerContext = {
    paths,
    auth: options.auth ? new RtspAuthenticator(options.auth) : null,
    udp: await UdpPorts.open(host, touchUdp),
    sessionTimeoutMs: (options.sessionTimeoutS ?? 60) * 1000,
    sessions,
    sdpVersion: Date.now(),
    onFrameSent: options.onFrameSent,
  };
  const connections = new Map<Socket, RtspConnection>();
  const server = createServer((socket) => {
    connections.set(socket, new RtspConnection(socket, context));
    socket.on('close', () => connections.delete(socket));
  });
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    context.udp?.close();
    throw error;
  }
  const sweeper = setInterval(() => sweepSessions(sessions, connections), 1000);
  return serverHandle({ host, port, paths, connections, server, sweeper, udp: context.udp });
}

interface ServerParts {
  host: string;
  port: number;
  paths: Map<string, CameraPath>;
  connections: Map<Socket, RtspConnection>;
  server: Server;
  sweeper: NodeJS.Timeout;
  udp: UdpPorts | null;
}

function serverHandle(parts: ServerParts): RtspCameraServer {
  const { host, port, paths, connections, server } = parts;
  const pathOf = (name: string) => {
    const path = paths.get(name.replace(/^\/+|\/+$/g, ''));
    if (!path) throw new Error(`camera simulator: no path "${name}"`);
    return path;
  };
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url(name, credentials) {
      const auth = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : '';
      return `rtsp://${auth}${urlHost}:${port}/${pathOf(name).name}`;
    },
    setFault: (name, fault) => pathOf(name).setFault(fault),
    down: (name, forMs) => pathOf(name).down(forMs),
    up: (name) => pathOf(name).up(),
    stats() {
      const perPath: Record<string, PathStats> = {};
      for (const path of paths.values()) perPath[path.name] = { ...path.stats, connections: path.clients.size };
      return { connections: connections.size, paths: perPath };
    },
    async stop() {
      clearInterval(parts.sweeper);
      for (const path of paths.values()) path.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of connections.keys()) socket.destroy();
      await closed;
      parts.udp?.close();
    },
  };
}
