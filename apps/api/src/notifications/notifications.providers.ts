import { Logger, type Provider } from '@nestjs/common';
import { HttpWebhookSender, MqttBroadcaster, WebPushSender, privateHostInUrl, type VapidKeys } from '@argus/adapters/notifications';
import { SnapshotLinks } from '@argus/adapters';
import { ARGUS_CONFIG, loadVapidKeys, type ArgusConfig } from '@argus/config';
import {
  ManagePushSubscriptions,
  ManageWebhooks,
  NotificationDispatcher,
  ValidationError,
  WEBHOOK_TIMEOUT_MS,
  WebhookDeliveryWorker,
  toAlertView,
  type CameraRepository,
  type Clock,
  type IdGenerator,
  type PersonRepository,
  type PushSubscriptionRepository,
  type SnapshotStore,
  type UserRepository,
  type WebhookDeliveryRepository,
  type WebhookRepository,
} from '@argus/domain';
import { CLOCK, ID_GENERATOR } from '../domain.module';
import { CAMERA_REPOSITORY, PERSON_REPOSITORY, USER_REPOSITORY } from '../persistence/tokens';
import { SNAPSHOT_STORE } from '../snapshots/snapshot-store.token';
import { NodeTimers } from '../streams/node-timers';
import { CLUSTER_LEADER } from '../cluster/cluster.tokens';
import { NOTIFICATION_HUB, NotificationHub } from './notification-hub';
import { MQTT_BROADCASTER, PUSH_SUBSCRIPTION_REPOSITORY, VAPID_KEYS, WEBHOOK_DELIVERY_REPOSITORY, WEBHOOK_REPOSITORY } from './notifications.tokens';

const logger = new Logger('Notifications');
const log = { warn: (m: string) => logger.warn(m), info: (m: string) => logger.log(m) };

export const notificationProviders: Provider[] = [
  { provide: NOTIFICATION_HUB, useValue: new NotificationHub() },
  { provide: VAPID_KEYS, useFactory: (config: ArgusConfig) => loadVapidKeys(config.dataDir), inject: [ARGUS_CONFIG] },
  {
    provide: MQTT_BROADCASTER,
    useFactory: (config: ArgusConfig, cameras: CameraRepository, snapshots: SnapshotStore): MqttBroadcaster | null => {
      const { mqttUrl, mqttHaDiscovery } = config.notifications;
      if (!mqttUrl) return null;
      return new MqttBroadcaster({ url: mqttUrl, haDiscovery: mqttHaDiscovery, listCameras: () => cameras.listAll(), readSnapshot: (key) => snapshots.read(key), log });
    },
    inject: [ARGUS_CONFIG, CAMERA_REPOSITORY, SNAPSHOT_STORE],
  },
  {
    provide: WebhookDeliveryWorker,
    useFactory: (config: ArgusConfig, webhooks: WebhookRepository, deliveries: WebhookDeliveryRepository, ids: IdGenerator, clock: Clock) =>
      new WebhookDeliveryWorker({
        webhooks,
        deliveries,
        sender: new HttpWebhookSender({ timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate: config.notifications.webhookAllowPrivate }),
        ids,
        clock,
        timers: new NodeTimers(),
        log,
      }),
    inject: [ARGUS_CONFIG, WEBHOOK_REPOSITORY, WEBHOOK_DELIVERY_REPOSITORY, ID_GENERATOR, CLOCK],
  },
  {
    provide: NotificationDispatcher,
    useFactory: (
      config: ArgusConfig,
      hub: NotificationHub,
      cameras: CameraRepository,
      users: UserRepository,
      webhooks: WebhookRepository,
      deliveries: WebhookDeliveryRepository,
      pushSubscriptions: PushSubscriptionRepository,
      vapid: VapidKeys,
      mqtt: MqttBroadcaster | null,
      worker: WebhookDeliveryWorker,
      links: SnapshotLinks,
      ids: IdGenerator,
      clock: Clock,
      leader: { isLeader(): boolean } | null,
    ) => {
      const allowPrivate = config.notifications.webhookAllowPrivate;
      const dispatcher = new NotificationDispatcher({
        cameras,
        users,
        webhooks,
        deliveries,
        pushSubscriptions,
        push: new WebPushSender({ vapid, subject: config.notifications.vapidSubject, timeoutMs: WEBHOOK_TIMEOUT_MS, allowPrivate }),
        broadcasters: mqtt ? [mqtt] : [],
        render: (alert, userId, target) =>
          toAlertView(alert, (key) => (target === 'webhook' && config.notifications.publicUrl ? config.notifications.publicUrl : '') + links.urlFor(key, userId)),
        queued: () => worker.kick(),
        // In a cluster every node hears every alert; only the leader sends notifications.
        ...(leader ? { dispatches: () => leader.isLeader() } : {}),
        ids,
        clock,
        log,
      });
      hub.attach(dispatcher);
      return dispatcher;
    },
    inject: [
      ARGUS_CONFIG, NOTIFICATION_HUB, CAMERA_REPOSITORY, USER_REPOSITORY, WEBHOOK_REPOSITORY, WEBHOOK_DELIVERY_REPOSITORY,
      PUSH_SUBSCRIPTION_REPOSITORY, VAPID_KEYS, MQTT_BROADCASTER, WebhookDeliveryWorker, SnapshotLinks, ID_GENERATOR, CLOCK, CLUSTER_LEADER,
    ],
  },
  {
    provide: ManageWebhooks,
    useFactory: (
      config: ArgusConfig,
      webhooks: WebhookRepository,
      deliveries: WebhookDeliveryRepository,
      cameras: CameraRepository,
      persons: PersonRepository,
      worker: WebhookDeliveryWorker,
      ids: IdGenerator,
      clock: Clock,
    ) =>
      new ManageWebhooks({
        webhooks,
        deliveries,
        cameras,
        persons,
        ids,
        clock,
        queued: () => worker.kick(),
        checkAddress: (url) => {
          const host = config.notifications.webhookAllowPrivate ? null : privateHostInUrl(url);
          if (host) throw new ValidationError(`url: ${host} is a private or loopback address, which this installation does not deliver to`);
        },
      }),
    inject: [ARGUS_CONFIG, WEBHOOK_REPOSITORY, WEBHOOK_DELIVERY_REPOSITORY, CAMERA_REPOSITORY, PERSON_REPOSITORY, WebhookDeliveryWorker, ID_GENERATOR, CLOCK],
  },
  {
    provide: ManagePushSubscriptions,
    useFactory: (subscriptions: PushSubscriptionRepository, cameras: CameraRepository, persons: PersonRepository, ids: IdGenerator, clock: Clock) =>
      new ManagePushSubscriptions({ subscriptions, cameras, persons, ids, clock }),
    inject: [PUSH_SUBSCRIPTION_REPOSITORY, CAMERA_REPOSITORY, PERSON_REPOSITORY, ID_GENERATOR, CLOCK],
  },
];
