import { Logger } from '@nestjs/common';
import type { Alert, CameraStateEvent, NotificationDispatcher } from '@argus/domain';

/** Waits before dispatching an alert again after a failure (the database away): 1, 2, 4 … 30 s. */
export const ALERT_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000, ...Array<number>(20).fill(30_000)];
/** Alerts waiting for a retry at most; beyond that the oldest is given up (and logged). */
export const MAX_ALERTS_WAITING = 1000;

/**
 * Where the realtime publisher hands every alert, alert change and camera state over to
 * notifications. It has no dependencies (so the publisher can be built first); the dispatcher
 * attaches itself once it is built. Nothing here waits: notifications never slow the pipeline.
 *
 * An alert whose dispatch fails (the database away while the alert waits in the outbox: the
 * cameras and targets cannot be read) is dispatched again with backoff for about 10 minutes.
 */
export class NotificationHub {
  private dispatcher: NotificationDispatcher | null = null;
  private readonly logger = new Logger('Notifications');
  private readonly pending = new Set<Promise<void>>();
  private readonly waiting = new Map<string, NodeJS.Timeout>();

  attach(dispatcher: NotificationDispatcher | null): void {
    this.dispatcher = dispatcher;
  }

  alertRaised(alert: Alert, attempt = 0): void {
    this.run('alert', (d) => d.alertRaised(alert), () => this.retry(alert, attempt));
  }

  /** Alerts waiting to be dispatched again. */
  get retrying(): number {
    return this.waiting.size;
  }

  /** Drops the alerts waiting for a retry (shutdown). */
  close(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  alertUpdated(alert: Alert): void {
    this.run('alert update', (d) => d.alertUpdated(alert));
  }

  cameraState(event: CameraStateEvent): void {
    this.run('camera state', (d) => d.cameraState(event));
  }

  cameraRemoved(cameraId: string): void {
    this.dispatcher?.cameraRemoved(cameraId);
  }

  /** Resolves once every hand-over so far is done (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private run(what: string, work: (d: NotificationDispatcher) => Promise<void>, failed?: () => void): void {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return;
    const task = work(dispatcher)
      .catch((e) => {
        this.logger.warn(`${what} not dispatched: ${String(e)}`);
        failed?.();
      })
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  private retry(alert: Alert, attempt: number): void {
    const delay = ALERT_RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      this.logger.error(`alert ${alert.alertId} not dispatched after ${attempt + 1} tries: given up`);
      return;
    }
    if (this.waiting.size >= MAX_ALERTS_WAITING) {
      const [oldest] = this.waiting.keys();
      clearTimeout(this.waiting.get(oldest));
      this.waiting.delete(oldest);
      this.logger.error(`alert ${oldest} not dispatched: too many alerts waiting, given up`);
    }
    const timer = setTimeout(() => {
      this.waiting.delete(alert.alertId);
      this.alertRaised(alert, attempt + 1);
    }, delay);
    timer.unref();
    this.waiting.set(alert.alertId, timer);
  }
}

export const NOTIFICATION_HUB = Symbol('NotificationHub');
