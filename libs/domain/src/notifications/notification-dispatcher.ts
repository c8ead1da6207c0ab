import type { Alert, AlertView } from '../alerts/alert';
import { canViewCamera } from '../cameras/camera-access';
import type { Camera } from '../cameras/camera';
import type { CameraRepository } from '../cameras/camera-repository';
import type { CameraStateEvent } from '../realtime/realtime-publisher';
import type { Clock } from '../shared/clock';
import type { IdGenerator } from '../shared/id-generator';
import type { Principal } from '../users/user';
import type { UserRepository } from '../users/user-repository';
import type { AlertBroadcaster, NotificationLog, PushMessage, PushSender } from './notification-channels';
import { passesFilters, type NotificationFilters } from './notification-filters';
import type { PushSubscriptionRepository, WebhookDeliveryRepository, WebhookJob, WebhookRepository } from './notification-repositories';

export interface NotificationDispatcherDeps {
  cameras: CameraRepository;
  users: UserRepository;
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryRepository;
  pushSubscriptions: PushSubscriptionRepository;
  push: PushSender | null;
  broadcasters: AlertBroadcaster[];
  /**
   * The alert as a user receives it (snapshot link signed for them): for a webhook, whose receiver
   * is elsewhere, with an absolute link when Argus knows its public address; for a browser, a path.
   */
  render: (alert: Alert, userId: string, target: 'webhook' | 'push') => AlertView;
  /** Called after jobs were queued, so the delivery worker starts at once. */
  queued: () => void;
  /** Whether this process dispatches (in a cluster, only one node does); true when unset. */
  dispatches?: () => boolean;
  ids: IdGenerator;
  clock: Clock;
  log: NotificationLog;
}

/** Whether a target gets an alert; a target whose user was deleted is removed. */
type Receives = 'yes' | 'no' | 'owner gone';
type ReceivesCheck = (userId: string, filters: NotificationFilters) => Promise<Receives>;

/**
 * The one place an alert leaves Argus for notifications: webhooks (queued durably), the
 * subscribed browsers (Web Push) and the installation-wide channels (MQTT). Each target receives
 * an alert only when its owner may see the camera and its filters pass.
 */
export class NotificationDispatcher {
  constructor(private readonly deps: NotificationDispatcherDeps) {}

  async alertRaised(alert: Alert): Promise<void> {
    if (this.deps.dispatches && !this.deps.dispatches()) return;
    const camera = await this.deps.cameras.findById(alert.cameraId);
    if (!camera) return;
    for (const channel of this.deps.broadcasters) channel.alertRaised(alert, camera);
    const principals = new Map<string, Promise<Principal | null>>();
    const principal = (userId: string) => {
      if (!principals.has(userId)) principals.set(userId, this.principalOf(userId));
      return principals.get(userId) as Promise<Principal | null>;
    };
    const receives = async (userId: string, filters: NotificationFilters): Promise<Receives> => {
      const who = await principal(userId);
      if (!who) return 'owner gone';
      return passesFilters(filters, alert) && canViewCamera(who, camera) ? 'yes' : 'no';
    };
    await Promise.all([this.queueWebhooks(alert, receives), this.sendPush(alert, camera, receives)]);
  }

  /** An alert's identity was corrected: the channels that keep a state (MQTT's last person) follow. */
  async alertUpdated(alert: Alert): Promise<void> {
    if (this.deps.dispatches && !this.deps.dispatches()) return;
    const camera = await this.deps.cameras.findById(alert.cameraId);
    if (camera) for (const channel of this.deps.broadcasters) channel.alertUpdated(alert, camera);
  }

  async cameraState(event: CameraStateEvent): Promise<void> {
    if (this.deps.broadcasters.length === 0) return;
    const camera = await this.deps.cameras.findById(event.cameraId);
    for (const channel of this.deps.broadcasters) channel.cameraState(event, camera);
  }

  cameraRemoved(cameraId: string): void {
    for (const channel of this.deps.broadcasters) channel.cameraRemoved(cameraId);
  }

  private async queueWebhooks(alert: Alert, receives: ReceivesCheck): Promise<void> {
    const now = this.deps.clock.now();
    const jobs: WebhookJob[] = [];
    for (const webhook of await this.deps.webhooks.listAll()) {
      const answer = await receives(webhook.ownerId, webhook.filters);
      if (answer === 'owner gone') {
        // Its user was deleted: the webhook goes with them.
        await this.deps.webhooks.delete(webhook.id);
        await this.deps.deliveries.deleteByWebhook(webhook.id);
      }
      if (answer !== 'yes') continue;
      const body = JSON.stringify(this.deps.render(alert, webhook.ownerId, 'webhook'));
      jobs.push({ id: this.deps.ids.next(), webhookId: webhook.id, alertId: alert.alertId, body, attempts: 0, nextAttemptAt: now, createdAt: now });
    }
    if (jobs.length === 0) return;
    await this.deps.deliveries.enqueue(jobs);
    this.deps.queued();
  }

  private async sendPush(alert: Alert, camera: Camera, receives: ReceivesCheck): Promise<void> {
    const push = this.deps.push;
    if (!push) return;
    const targets = [];
    for (const subscription of await this.deps.pushSubscriptions.listAll()) {
      const answer = await receives(subscription.userId, subscription.filters);
      if (answer === 'owner gone') await this.deps.pushSubscriptions.delete(subscription.id);
      if (answer === 'yes') targets.push(subscription);
    }
    await Promise.all(
      targets.map(async (subscription) => {
        const result = await push.send(subscription, pushMessage(alert, camera, this.deps.render(alert, subscription.userId, 'push')));
        if (result.outcome === 'gone') await this.deps.pushSubscriptions.delete(subscription.id);
        else if (result.outcome === 'failed') this.deps.log.warn(`web push to subscription ${subscription.id} failed: ${result.error}`);
      }),
    );
  }

  private async principalOf(userId: string): Promise<Principal | null> {
    const user = await this.deps.users.findById(userId);
    return user && { userId: user.id, username: user.username, role: user.role };
  }
}

/** "Ada at Front door", "Unknown face at Front door", or for an object "Car at Drive". */
export function pushMessage(alert: Alert, camera: Pick<Camera, 'name' | 'location'>, view: AlertView): PushMessage {
  const label = alert.label;
  const who =
    alert.kind === 'object'
      ? label
        ? label[0].toUpperCase() + label.slice(1)
        : 'Object'
      : alert.person
        ? alert.person.name
        : alert.person === null
          ? 'Unknown face'
          : 'Face';
  const time = alert.timestamp.toISOString().slice(11, 19);
  return {
    title: `${who} at ${camera.name}`,
    body: `${camera.location ? `${camera.location}, ` : ''}${time} UTC`,
    ...(view.snapshotUrl ? { image: view.snapshotUrl } : {}),
    url: `/alerts?alert=${encodeURIComponent(alert.alertId)}`,
    alertId: alert.alertId,
    cameraId: alert.cameraId,
  };
}
