import type { AlertRepository } from '../alerts/alert-repository';
import { cameraAudience } from '../cameras/camera-access';
import type { CameraRepository } from '../cameras/camera-repository';
import type { RealtimePublisher } from '../realtime/realtime-publisher';
import type { Timers } from '../streams/timers';
import type { ClipStore } from './recording-ports';

export interface AttachClipDeps {
  alerts: AlertRepository;
  cameras: CameraRepository;
  publisher: RealtimePublisher;
  clips: Pick<ClipStore, 'delete'>;
  timers: Timers;
  log: { warn(message: string): void };
  /** Waits before trying again while the database does not answer; the last one given, it gives up. */
  retryDelaysMs?: number[];
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 5000, 30_000, 120_000];

/**
 * A stored clip joins its alerts: each records the clip's key and is announced again
 * (`alert_updated`, its `clipUrl` signed for each recipient). A clip whose camera is gone meanwhile
 * is deleted. While the database does not answer, it is tried again a few times.
 */
export class AttachClip {
  private readonly delays: number[];

  constructor(private readonly deps: AttachClipDeps) {
    this.delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /** Resolves once attached, or given up (logged); never rejects. */
  async execute(cameraId: string, key: string, alertIds: string[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.attach(cameraId, key, alertIds);
        return;
      } catch (error) {
        const delay = this.delays[attempt];
        if (delay === undefined) {
          this.deps.log.warn(`clip ${key} not attached to its alerts: ${String(error)}`);
          return;
        }
        await new Promise<void>((resolve) => this.deps.timers.setTimeout(resolve, delay));
      }
    }
  }

  private async attach(cameraId: string, key: string, alertIds: string[]): Promise<void> {
    const camera = await this.deps.cameras.findById(cameraId);
    if (!camera) {
      await this.deps.clips.delete(key);
      return;
    }
    for (const alertId of alertIds) {
      await this.deps.alerts.attachClip(alertId, key);
      const alert = await this.deps.alerts.findById(alertId);
      if (alert) this.deps.publisher.alertUpdated(alert, cameraAudience(camera));
    }
  }
}
