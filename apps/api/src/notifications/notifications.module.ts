import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { ArgusConfig } from '@argus/config';
import type { MqttBroadcaster } from '@argus/adapters/notifications';
import { WebhookDeliveryWorker } from '@argus/domain';
import { NOTIFICATION_HUB, type NotificationHub } from './notification-hub';
import { notificationRepositoryProviders } from './notification-repositories.providers';
import { notificationProviders } from './notifications.providers';
import { MQTT_BROADCASTER } from './notifications.tokens';
import { PushController } from './push.controller';
import { WebhooksController } from './webhooks.controller';

/** Starts the webhook queue and the MQTT connection with the app; drains and says offline on shutdown. */
@Injectable()
class NotificationsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly worker: WebhookDeliveryWorker,
    @Inject(MQTT_BROADCASTER) private readonly mqtt: MqttBroadcaster | null,
    @Inject(NOTIFICATION_HUB) private readonly hub: NotificationHub,
  ) {}

  onApplicationBootstrap(): void {
    this.worker.start();
    this.mqtt?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.hub.idle();
    this.hub.close();
    await this.worker.stop();
    await this.mqtt?.stop();
  }
}

/**
 * Notifications: webhooks (durable queue, retries, log), Web Push and MQTT with Home Assistant
 * discovery. Every alert reaches them through the NotificationHub the realtime publisher feeds,
 * and leaves through the one NotificationDispatcher.
 */
@Global()
@Module({})
export class NotificationsModule {
  static forConfig(config: ArgusConfig): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [WebhooksController, PushController],
      providers: [...notificationRepositoryProviders(config), ...notificationProviders, NotificationsLifecycle],
      exports: [NOTIFICATION_HUB],
    };
  }
}
