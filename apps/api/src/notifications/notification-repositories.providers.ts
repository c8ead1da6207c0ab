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
import { ARGUS_SECRETS, type ArgusConfig, type ArgusSecrets } from '@argus/config';
import type { PushSubscriptionRepository, WebhookDeliveryRepository, WebhookRepository } from '@argus/domain';
import { USER_REPOSITORY } from '../persistence/tokens';
import { PUSH_SUBSCRIPTION_REPOSITORY, WEBHOOK_DELIVERY_REPOSITORY, WEBHOOK_REPOSITORY } from './notifications.tokens';

const STORES = Symbol('NotificationStores');

interface NotificationStores {
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryRepository;
  pushSubscriptions: PushSubscriptionRepository;
}

type Sealer = (inner: WebhookRepository) => WebhookRepository;

/** Webhook secrets sealed with the credential key; a secret that no longer opens is reported once. */
function sealer(secrets: ArgusSecrets): Sealer {
  const logger = new Logger('Notifications');
  const cipher = CredentialCipher.fromBase64(secrets.credentialKey);
  const warned = new Set<string>();
  return (inner) =>
    new EncryptedWebhookRepository(inner, cipher, (id) => {
      if (warned.has(id)) return;
      warned.add(id);
      logger.error(`webhook ${id}: its URL or secret does not decrypt with the current key; its owner must create it again`);
    });
}

/**
 * The notification repositories on the database the persistence module opened: MongoDB's
 * connection (waited for like every repository), or the SQLite database in DATA_DIR, looked up
 * from the persistence module rather than opened again.
 */
export function notificationRepositoryProviders(config: ArgusConfig): Provider[] {
  const stores: Provider = config.mongodbUri
    ? {
        provide: STORES,
        useFactory: (secrets: ArgusSecrets, connection: Connection): NotificationStores => {
          const repositories = createMongoRepositories(connection);
          return { webhooks: sealer(secrets)(repositories.webhooks), deliveries: repositories.webhookDeliveries, pushSubscriptions: repositories.pushSubscriptions };
        },
        inject: [ARGUS_SECRETS, getConnectionToken()],
      }
    : {
        provide: STORES,
        useFactory: (secrets: ArgusSecrets, modules: ModuleRef): NotificationStores => {
          const db = modules.get(SqliteDatabase, { strict: false });
          return {
            webhooks: sealer(secrets)(new SqliteWebhookRepository(db)),
            deliveries: new SqliteWebhookDeliveryRepository(db),
            pushSubscriptions: new SqlitePushSubscriptionRepository(db),
          };
        },
        // USER_REPOSITORY: built on the same database, so this factory runs once it is open.
        inject: [ARGUS_SECRETS, ModuleRef, USER_REPOSITORY],
      };
  return [
    stores,
    { provide: WEBHOOK_REPOSITORY, useFactory: (s: NotificationStores) => s.webhooks, inject: [STORES] },
    { provide: WEBHOOK_DELIVERY_REPOSITORY, useFactory: (s: NotificationStores) => s.deliveries, inject: [STORES] },
    { provide: PUSH_SUBSCRIPTION_REPOSITORY, useFactory: (s: NotificationStores) => s.pushSubscriptions, inject: [STORES] },
  ];
}
