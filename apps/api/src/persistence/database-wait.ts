import { createConnection } from 'mongoose';

/**
 * Waiting for MongoDB at start-up: Argus says at once which database it waits for and why, says it
 * again while it waits, and gives up after DATABASE_WAIT_S with a clear message (the process then
 * exits non-zero). The state is what the health endpoints report meanwhile (health/waiting-health).
 */

/** `host:port[,host:port]` of a MongoDB connection string, without credentials or options. */
export function mongoTarget(uri: string): string {
  const authority = uri.replace(/^mongodb(\+srv)?:\/\//, '').split(/[/?]/)[0];
  return authority.slice(authority.lastIndexOf('@') + 1) || uri;
}

/** What Argus is waiting for, and the last reason it could not connect. */
export class DatabaseWaitState {
  reason: string | null = null;
  waiting = true;
  readonly since = Date.now();

  constructor(readonly kind: 'mongodb', readonly target: string) {}

  /** `waiting for MongoDB at mongo:27017: connect ECONNREFUSED 172.18.0.2:27017` */
  describe(): string {
    return `waiting for MongoDB at ${this.target}${this.reason ? `: ${this.reason}` : ''}`;
  }
}

/** One attempt: resolves once the server answers, rejects with the reason after `timeoutMs`. */
export type ConnectAttempt = (uri: string, timeoutMs: number) => Promise<void>;

export const connectOnce: ConnectAttempt = async (uri, timeoutMs) => {
  const connection = createConnection(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await connection.asPromise();
    await connection.db?.admin().ping();
  } finally {
    await connection.close(true).catch(() => undefined);
  }
};

export interface DatabaseWaitDeps {
  uri: string;
  /** DATABASE_WAIT_S in ms: how long to keep trying before giving up. */
  timeoutMs: number;
  log: { warn(message: string): void; info(message: string): void };
  state?: DatabaseWaitState;
  connect?: ConnectAttempt;
  /** The first attempt's time-out (the first reason is known after at most this); it doubles up to 5 s. */
  attemptMs?: number;
  /** The same reason is said again at most this often. */
  repeatMs?: number;
}

export class DatabaseWaitTimeout extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Resolves when MongoDB answers; rejects with a DatabaseWaitTimeout once `timeoutMs` has passed. */
export async function waitForMongo(deps: DatabaseWaitDeps): Promise<void> {
  const state = deps.state ?? new DatabaseWaitState('mongodb', mongoTarget(deps.uri));
  const connect = deps.connect ?? connectOnce;
  let attemptMs = deps.attemptMs ?? 1000;
  const repeatMs = deps.repeatMs ?? 5000;
  const deadline = state.since + deps.timeoutMs;
  let said = { reason: '', at: 0 };
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    try {
      await connect(deps.uri, Math.max(100, Math.min(attemptMs, deadline - started)));
      state.waiting = false;
      state.reason = null;
      if (attempt > 1) deps.log.info(`MongoDB at ${state.target} answered after ${((Date.now() - state.since) / 1000).toFixed(1)} s`);
      return;
    } catch (error) {
      state.reason = reasonOf(error);
      attemptMs = Math.min(attemptMs * 2, 5000);
    }
    const now = Date.now();
    const waited = Math.round((now - state.since) / 1000);
    if (now >= deadline) {
      const message = `gave up waiting for MongoDB at ${state.target} after ${waited} s (DATABASE_WAIT_S=${Math.round(deps.timeoutMs / 1000)}): ${state.reason}`;
      throw new DatabaseWaitTimeout(message);
    }
    if (state.reason !== said.reason || now - said.at >= repeatMs) {
      deps.log.warn(`${state.describe()} (${waited} s of ${Math.round(deps.timeoutMs / 1000)} s)`);
      said = { reason: state.reason ?? '', at: now };
    }
    // A refused connection fails at once: space the attempts out to about one a second.
    await sleep(Math.max(0, Math.min(1000 - (Date.now() - started), deadline - Date.now())));
  }
}
