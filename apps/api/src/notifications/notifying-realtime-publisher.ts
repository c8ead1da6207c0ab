import { SocketIoRealtimePublisher, type AlertViewFor, type VisibilityCheck } from '@argus/adapters';
import type { Alert, CameraAudience, CameraStateEvent } from '@argus/domain';
import type { NotificationHub } from './notification-hub';

/**
 * The socket.io publisher that also hands each event to notifications: every alert the domain
 * publishes (after its identity is known) reaches the dispatcher exactly once, from here.
 */
export class NotifyingRealtimePublisher extends SocketIoRealtimePublisher {
  constructor(
    private readonly hub: NotificationHub,
    canView: VisibilityCheck,
    alertViewFor?: AlertViewFor,
  ) {
    super(canView, alertViewFor);
  }

  override publishAlert(alert: Alert, audience: CameraAudience): void {
    super.publishAlert(alert, audience);
    this.hub.alertRaised(alert);
  }

  override alertUpdated(alert: Alert, audience: CameraAudience): void {
    super.alertUpdated(alert, audience);
    this.hub.alertUpdated(alert);
  }

  override publishCameraState(event: CameraStateEvent, audience: CameraAudience): void {
    super.publishCameraState(event, audience);
    this.hub.cameraState(event);
  }

  override audienceChanged(change: CameraAudience | { cameraId: string; removed: true }): void {
    super.audienceChanged(change);
    if ('removed' in change) this.hub.cameraRemoved(change.cameraId);
  }
}
