import { Logger } from '@nestjs/common';
import type { Alert, CameraStateEvent, NotificationDispatcher } from '@argus/domain';

/**
 * Where the realtime publisher hands every alert, alert change and camera state over to
 * notifications. It has no dependencies (so the publisher can be built first); the dispatcher
 * attaches itself once it is built. Nothing here waits: notifications never slow the pipeline.
 */
export class NotificationHub {
  private dispatcher: NotificationDispatcher | null = null;
  private readonly logger = new Logger('Notifications');
  private readonly pending = new Set<Promise<void>>();

  attach(dispatcher: NotificationDispatcher | null): void {
    this.dispatcher = dispatcher;
  }

  alertRaised(alert: Alert): void {
    this.run('alert', (d) => d.alertRaised(alert));
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

  private run(what: string, work: (d: NotificationDispatcher) => Promise<void>): void {
    const dispatcher = this.dispatcher;
    if (!dispatcher) return;
    const task = work(dispatcher)
      .catch((e) => this.logger.warn(`${what} not dispatched: ${String(e)}`))
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }
}

export const NOTIFICATION_HUB = Symbol('NotificationHub');
