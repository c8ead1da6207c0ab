import type { AlertIdentity } from '../people/person';
import { ConflictError, DomainError } from '../shared/errors';
import type { TimerHandle, Timers } from '../streams/timers';
import type { Alert } from './alert';
import type { AlertOutbox } from './alert-outbox';
import type { AlertListQuery, AlertRepository } from './alert-repository';

export interface ResilientAlertOptions {
  /** A database write slower than this goes to the outbox, so a hanging database holds no alert back. */
  writeTimeoutMs: number;
  /** First delay before flushing again after a failed flush; doubles up to maxRetryMs. */
  retryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_RESILIENT_ALERTS: ResilientAlertOptions = { writeTimeoutMs: 1000, retryMs: 1000, maxRetryMs: 30_000 };

export interface OutboxStatus {
  /** True from a failed write until the outbox is empty again. */
  backlog: boolean;
  /** Alerts sent to the outbox, and written from it to the database, since start. */
  deferred: number;
  flushed: number;
  /** Failed flushes in a row. */
  failures: number;
}

export interface OutboxLog {
  warn(message: string): void;
  info(message: string): void;
}

class WriteTimeoutError extends Error {}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * An AlertRepository that loses no alert to a database outage. A write that fails (or hangs past
 * `writeTimeoutMs`) goes to the durable outbox and the alert counts as recorded, so it is published
 * at once. Until the outbox is empty again, new alerts queue behind it: the database receives them
 * in order. A background flush retries with backoff and writes each alert once: an id the database
 * already holds (written before a crash, or an acknowledgement lost) counts as done. Reads go to
 * the database.
 */
export class ResilientAlertRepository implements AlertRepository {
  private backlog = false;
  /** Appends still waiting for the disk: the backlog cannot end while one is under way. */
  private appending = 0;
  private running: Promise<void> | null = null;
  private rerun = false;
  private retry: TimerHandle | null = null;
  private closed = false;
  private readonly counts = { deferred: 0, flushed: 0, failures: 0 };

  constructor(
    private readonly target: AlertRepository,
    private readonly outbox: AlertOutbox,
    private readonly timers: Timers,
    private readonly options: ResilientAlertOptions = DEFAULT_RESILIENT_ALERTS,
    private readonly log: OutboxLog = { warn: () => undefined, info: () => undefined },
  ) {}

  /** At start-up: alerts a previous run left in the outbox are written (in the background). */
  async start(): Promise<number> {
    const left = (await this.outbox.pending()).length;
    if (left > 0) {
      this.backlog = true;
      this.log.info(`${left} alert(s) left in the outbox: writing them to the database`);
      this.kick();
    }
    return left;
  }

  async add(alert: Alert): Promise<void> {
    if (!this.backlog) {
      try {
        await this.writeWithTimeout(alert);
        return;
      } catch (error) {
        // A duplicate or invalid alert is the caller's mistake, not an outage.
        if (error instanceof DomainError) throw error;
        this.backlog = true;
        this.log.warn(`alert not stored (${describe(error)}): alerts go to the outbox until the database is back`);
      }
    }
    this.appending++;
    try {
      await this.outbox.append(alert);
      this.counts.deferred++;
    } finally {
      this.appending--;
    }
    this.kick();
  }

  findById(alertId: string): Promise<Alert | null> {
    return this.target.findById(alertId);
  }

  list(query: AlertListQuery): Promise<{ items: Alert[]; total: number }> {
    return this.target.list(query);
  }

  setIdentity(alertId: string, person: AlertIdentity | null, unknownId: string | null): Promise<void> {
    return this.target.setIdentity(alertId, person, unknownId);
  }

  clearPerson(personId: string): Promise<void> {
    return this.target.clearPerson(personId);
  }

  nameUnknown(unknownId: string, person: AlertIdentity): Promise<void> {
    return this.target.nameUnknown(unknownId, person);
  }

  attachClip(alertId: string, clipKey: string | null): Promise<void> {
    return this.target.attachClip(alertId, clipKey);
  }

  /** Also drops the camera's alerts still in the outbox, so a flush cannot bring them back. */
  async deleteByCamera(cameraId: string): Promise<number> {
    await this.running;
    let dropped = 0;
    for (const alert of await this.outbox.pending()) {
      if (alert.cameraId !== cameraId) continue;
      await this.outbox.remove(alert.alertId);
      dropped++;
    }
    return dropped + (await this.target.deleteByCamera(cameraId));
  }

  status(): OutboxStatus {
    return { backlog: this.backlog, ...this.counts };
  }

  /** Shutdown: one last flush attempt; whatever is left stays on disk for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelRetry();
    await this.running;
    if (this.backlog) await this.flush();
    this.cancelRetry();
  }

  private writeWithTimeout(alert: Alert): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = this.timers.setTimeout(
        () => reject(new WriteTimeoutError(`no answer from the database within ${this.options.writeTimeoutMs} ms`)),
        this.options.writeTimeoutMs,
      );
      // A write that lands after the time-out is harmless: the flush finds its id and moves on.
      this.target.add(alert).then(
        () => (this.timers.clearTimeout(timer), resolve()),
        (error: unknown) => (this.timers.clearTimeout(timer), reject(error)),
      );
    });
  }

  /** Flushes now, or once more after the flush under way; waits out a scheduled retry. */
  private kick(): void {
    if (this.closed || this.retry) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.flush().finally(() => {
      this.running = null;
      if (this.rerun) this.kick();
    });
  }

  private async flush(): Promise<void> {
    this.rerun = false;
    try {
      for (let batch = await this.outbox.pending(); batch.length > 0; batch = await this.outbox.pending()) {
        for (const alert of batch) {
          await this.store(alert);
          await this.outbox.remove(alert.alertId);
          this.counts.flushed++;
        }
      }
      if (this.appending === 0) this.recovered();
    } catch (error) {
      this.counts.failures++;
      this.scheduleRetry(error);
    }
  }

  private async store(alert: Alert): Promise<void> {
    try {
      await this.target.add(alert);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private recovered(): void {
    if (this.backlog) this.log.info('outbox flushed: alerts are written to the database again');
    this.backlog = false;
    this.counts.failures = 0;
  }

  private scheduleRetry(error: unknown): void {
    this.rerun = false;
    if (this.closed || this.retry) return;
    const delay = Math.min(this.options.maxRetryMs, this.options.retryMs * 2 ** Math.min(this.counts.failures - 1, 20));
    this.log.warn(`outbox flush failed (${describe(error)}): next attempt in ${delay} ms`);
    this.retry = this.timers.setTimeout(() => {
      this.retry = null;
      this.kick();
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retry) this.timers.clearTimeout(this.retry);
    this.retry = null;
  }
}
