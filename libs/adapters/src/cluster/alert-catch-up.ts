import { cameraAudience, type AlertRepository, type CameraRepository } from '@argus/domain';
import type { AlertRelay } from './alert-relay';

export interface AlertCatchUpDeps {
  alerts: Pick<AlertRepository, 'list'>;
  cameras: Pick<CameraRepository, 'findById'>;
  relay: Pick<AlertRelay, 'delivered' | 'deliverHere' | 'markDelivered'>;
  log: { warn(message: string): void };
  /** How far back it looks (ms of capture time). */
  windowMs?: number;
  periodMs?: number;
  /** At most this many of the newest alerts per look. */
  limit?: number;
}

/**
 * The stored alerts are the truth: every few seconds a node looks at the latest ones and passes on
 * any it has not passed on yet. That covers an alert its worker stored but could not relay (it
 * died between the two): each browser still gets it once. Alerts stored before the node started
 * are only noted.
 */
export class AlertCatchUp {
  private timer: NodeJS.Timeout | null = null;
  private primed = false;
  private stopped = true;

  constructor(private readonly deps: AlertCatchUpDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async look(): Promise<number> {
    const from = new Date(Date.now() - (this.deps.windowMs ?? 120_000));
    const { items } = await this.deps.alerts.list({ from, offset: 0, limit: this.deps.limit ?? 500 });
    let passed = 0;
    for (const alert of [...items].reverse()) {
      if (this.deps.relay.delivered(alert.alertId)) continue;
      if (!this.primed) {
        this.deps.relay.markDelivered(alert.alertId);
        continue;
      }
      const camera = await this.deps.cameras.findById(alert.cameraId);
      if (!camera) continue;
      this.deps.relay.deliverHere({ event: 'alert', alert, audience: cameraAudience(camera) });
      passed++;
    }
    this.primed = true;
    return passed;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.look()
        .catch((e: unknown) => this.deps.log.warn(`cluster: stored alerts not checked: ${String(e)}`))
        .finally(() => this.schedule(this.deps.periodMs ?? 2000));
    }, ms);
    this.timer.unref();
  }
}
