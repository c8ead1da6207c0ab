import { SocketIoRealtimePublisher, type AlertViewFor, type VisibilityCheck } from '@argus/adapters';
import type { AlertRelay, RelayedAlert } from '@argus/adapters/cluster';
import type { Alert, CameraAudience } from '@argus/domain';
import type { Server } from 'socket.io';
import type { NotificationHub } from '../notifications/notification-hub';
import { NotifyingRealtimePublisher } from '../notifications/notifying-realtime-publisher';

/** The server seen through `server.local`: emits and socket lookups stay on this node. */
function localView(server: Server): Server {
  return {
    to: (room: string | string[]) => server.local.to(room),
    in: (room: string | string[]) => server.local.in(room),
    of: (namespace: string) => server.of(namespace),
  } as unknown as Server;
}

/**
 * The realtime publisher of a node in a cluster. Camera states and detections go to the rooms of
 * every node through the socket.io Redis adapter. Alerts go through the relay: each node renders
 * an alert for its own browsers (each user's signed snapshot link) and hands it to notifications
 * once, and the sender makes sure every node got it.
 */
export class ClusterRealtimePublisher extends NotifyingRealtimePublisher {
  private readonly here: SocketIoRealtimePublisher;
  private relay: AlertRelay | null = null;

  constructor(
    private readonly notifications: NotificationHub,
    canView: VisibilityCheck,
    alertViewFor?: AlertViewFor,
  ) {
    super(notifications, canView, alertViewFor);
    this.here = new SocketIoRealtimePublisher(canView, alertViewFor);
  }

  useRelay(relay: AlertRelay): void {
    this.relay = relay;
  }

  override attach(server: Server): void {
    super.attach(server);
    this.here.attach(localView(server));
    this.relay?.attach(server);
  }

  override publishAlert(alert: Alert, audience: CameraAudience): void {
    if (this.relay) this.relay.send({ event: 'alert', alert, audience });
    else super.publishAlert(alert, audience);
  }

  override alertUpdated(alert: Alert, audience: CameraAudience): void {
    if (this.relay) this.relay.send({ event: 'alert_updated', alert, audience });
    else super.alertUpdated(alert, audience);
  }

  /** An alert as it reaches this node (once): to its own browsers and to notifications. */
  deliver({ event, alert, audience }: RelayedAlert): void {
    if (event === 'alert') {
      this.here.publishAlert(alert, audience);
      this.notifications.alertRaised(alert);
    } else {
      this.here.alertUpdated(alert, audience);
      this.notifications.alertUpdated(alert);
    }
  }
}
