import { Logger, type Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { CredentialCipher, EncryptedWebhookRepository } from '@argus/adapters';
import { createMongoRepositories } from '@argus/adapters/persistence/mongo';
import {
  SqliteDatabase,
  SqlitePushSubscriptionRepository,
  SqliteWebhookDeliveryRepository,
  SqliteWebhookRepository,
} from '@argus/adapters/persistence/sqlite';
import { ARGUS_CONFIG, ARGUS_SECRETS, type ArgusConfig, type ArgusSecrets } from '@argus/config';
import type { PushSubscriptionRepository, WebhookDeliveryRepository, WebhookRepository } from '@argus/domain';
import { PUSH_SUBSCRIPTION_REPOSITORY, WEBHOOK_DELIVERY_REPOSITORY, WEBHOOK_REPOSITORY } from './notifications.tokens';

const STORES = Symbol('NotificationStores');

interface NotificationStores {
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryRepository;
  pushSubscriptions: PushSubscriptionRepository;
}

/**
 * The notification repositories on the database the persistence module opened (SQLite in
 * DATA_DIR, or MongoDB), looked up from it rather than opened again; webhook secrets sealed at rest.
 */
export const notificationRepositoryProviders: Provider[] = [
  {
    provide: STORES,
    useFactory: (config: ArgusConfig, secrets: ArgusSecrets, modules: ModuleRef): NotificationStores => {
      const logger = new Logger('Notifications');
      const cipher = CredentialCipher.fromBase64(secrets.credentialKey);
      const warned = new Set<string>();
      const seal = (inner: WebhookRepository) =>
        new EncryptedWebhookRepository(inner, cipher, (id) => {
          if (warned.has(id)) return;
          warned.add(id);
          logger.error(`webhook ${id}: its secret does not decrypt with the current key; its owner must create it again`);
        });
      if (config.mongodbUri) {
        const repositories = createMongoRepositories(modules.get<Connection>(getConnectionToken(), { strict: false }));
        return { webhooks: seal(repositories.webhooks), deliveries: repositories.webhookDeliveries, pushSubscriptions: repositories.pushSubscriptions };
      }
      const db = modules.get(SqliteDatabase, { strict: false });
      return {
        webhooks: seal(new SqliteWebhookRepository(db)),
        deliveries: new SqliteWebhookDeliveryRepository(db),
        pushSubscriptions: new SqlitePushSubscriptionRepository(db),
      };
    },
    inject: [ARGUS_CONFIG, ARGUS_SECRETS, ModuleRef],
  },
  { provide: WEBHOOK_REPOSITORY, useFactory: (s: NotificationStores) => s.webhooks, inject: [STORES] },
  { provide: WEBHOOK_DELIVERY_REPOSITORY, useFactory: (s: NotificationStores) => s.deliveries, inject: [STORES] },
  { provide: PUSH_SUBSCRIPTION_REPOSITORY, useFactory: (s: NotificationStores) => s.pushSubscriptions, inject: [STORES] },
];
