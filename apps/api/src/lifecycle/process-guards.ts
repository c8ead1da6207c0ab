import type { EventEmitter } from 'node:events';

export interface GuardLog {
  error(message: string): void;
}

const describe = (value: unknown): string => (value instanceof Error ? (value.stack ?? value.message) : String(value));

/**
 * Last-resort handlers. A rejected promise nobody awaited is a bug to fix, but one camera's stray
 * rejection must not stop every other camera: it is logged loudly and the process carries on.
 * An uncaught exception leaves the process in an unknown state: logged, then an orderly shutdown
 * with exit code 1 so the supervisor (Docker, systemd) restarts it. Returns a remover for tests.
 */
export function installProcessGuards(log: GuardLog, onFatal: (error: unknown) => void, target: EventEmitter = process): () => void {
  const onRejection = (reason: unknown) => log.error(`unhandled promise rejection (kept running): ${describe(reason)}`);
  const onException = (error: unknown) => {
    log.error(`uncaught exception, shutting down: ${describe(error)}`);
    onFatal(error);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
