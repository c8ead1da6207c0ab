import { createServer, type Server } from 'node:http';
import type { HealthReport } from './readiness';
import { DatabaseWaitState, mongoTarget, waitForMongo, type DatabaseWaitDeps } from '../persistence/database-wait';

/**
 * While Argus waits for its database at start-up, nothing else runs yet; this small server answers
 * on Argus's own address so that health checks and load balancers see why:
 * - `GET /api/health`: 200 (the process is alive), `ready: false`, the database part says what
 *   Argus is waiting for and why;
 * - `GET /api/health/ready`: the same body with 503;
 * - anything else: 503 `{ message: "waiting for MongoDB at …" }` with `Retry-After: 5`.
 * It closes before the application listens on the same port.
 */
export interface WaitingHealth {
  close(): Promise<void>;
}

/** The health report's shape, but for the media store and recordings, which are not set up yet. */
export function waitingHealthBody(state: DatabaseWaitState): Omit<HealthReport, 'media' | 'recordings'> {
  return {
    status: 'ok',
    ready: false,
    shuttingDown: false,
    uptimeSeconds: Math.round((Date.now() - state.since) / 1000),
    database: { kind: state.kind, up: false, detail: state.describe() },
    detection: { state: 'not started', threads: null, queueSize: null },
    cameras: { total: null, byStatus: null, active: 0 },
    socketClients: 0,
  };
}

export function startWaitingHealth(state: DatabaseWaitState, port: number, host: string): Promise<WaitingHealth> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 503 ? { 'retry-after': '5' } : {}) });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/api/health') return send(200, waitingHealthBody(state));
    if (req.method === 'GET' && path === '/api/health/ready') return send(503, waitingHealthBody(state));
    send(503, { statusCode: 503, message: `Argus is starting: ${state.describe()}` });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export interface StartupWaitDeps {
  config: { mongodbUri: string | null; databaseWaitMs: number; port: number; host: string };
  log: { warn(message: string): void; info(message: string): void; error(message: string): void };
  /** Ends the process; SIGTERM/SIGINT while waiting exit 0 (nothing started yet). */
  exit: (code: number) => void;
  wait?: (deps: DatabaseWaitDeps) => Promise<void>;
}

/**
 * Start-up: with MONGODB_URI set, waits for MongoDB (waitForMongo) while the waiting health server
 * answers on Argus's address. Resolves when the database answers; rejects with the give-up message.
 */
export async function waitForDatabaseAtStartup(deps: StartupWaitDeps): Promise<void> {
  const uri = deps.config.mongodbUri;
  if (!uri) return;
  const state = new DatabaseWaitState('mongodb', mongoTarget(uri));
  deps.log.info(`${state.describe()} (up to ${Math.round(deps.config.databaseWaitMs / 1000)} s, DATABASE_WAIT_S)`);
  const health = await startWaitingHealth(state, deps.config.port, deps.config.host).catch((error: Error) => {
    deps.log.warn(`health endpoints not served while waiting: ${error.message}`);
    return null;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    deps.log.info(`${signal} while ${state.describe()}: stopping`);
    void (health?.close() ?? Promise.resolve()).then(() => deps.exit(0));
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
  try {
    await (deps.wait ?? waitForMongo)({ uri, timeoutMs: deps.config.databaseWaitMs, log: deps.log, state });
  } finally {
    process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
    await health?.close();
  }
}
