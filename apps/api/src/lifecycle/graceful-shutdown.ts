import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import { Readiness } from '../health/readiness';

export interface ShutdownLog {
  info(message: string): void;
  error(message: string): void;
}

export interface GracefulShutdownOptions {
  /** After this the process exits with code 1 whatever is still running. */
  timeoutMs: number;
  log: ShutdownLog;
  /** process.exit in production; tests pass a recorder. */
  exit: (code: number) => void;
}

export type Shutdown = (reason: string, exitCode?: number) => Promise<void>;

/**
 * The orderly way out: readiness goes to 503, the listening socket closes (no new connections),
 * then Nest's hooks stop every camera stream and its ffmpeg children and close the detection pool
 * (beforeApplicationShutdown), then the database (onApplicationShutdown), then socket.io and the
 * remaining HTTP connections. A second call joins the first; a timer bounds the whole thing.
 */
export function gracefulShutdown(app: INestApplication, options: GracefulShutdownOptions): Shutdown {
  let running: Promise<void> | null = null;
  return (reason, exitCode = 0) => {
    running ??= run(app, options, reason, exitCode);
    return running;
  };
}

async function run(app: INestApplication, options: GracefulShutdownOptions, reason: string, exitCode: number): Promise<void> {
  const { log, exit, timeoutMs } = options;
  log.info(`shutting down (${reason}); at most ${Math.round(timeoutMs / 1000)} s`);
  const force = setTimeout(() => {
    log.error(`shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
    exit(1);
  }, timeoutMs);
  force.unref();
  try {
    markDraining(app);
    stopAccepting(app.getHttpServer() as Server);
    await app.close();
    log.info('stopped');
    clearTimeout(force);
    exit(exitCode);
  } catch (error) {
    clearTimeout(force);
    log.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    exit(1);
  }
}

function markDraining(app: INestApplication): void {
  try {
    app.get(Readiness, { strict: false }).markDraining();
  } catch {
    // an app without the health module has no readiness to report
  }
}

/** Closes the listening socket; idle keep-alive connections go now, busy ones when Nest disposes. */
function stopAccepting(server: Server | undefined): void {
  if (!server?.listening) return;
  server.close();
  server.closeIdleConnections();
}
