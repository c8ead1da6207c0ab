import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type Provider } from '@nestjs/common';
import { join } from 'node:path';
import {
  DEFAULT_RESILIENT_ALERTS,
  ResilientAlertRepository,
  type AlertRepository,
  type CameraRepository,
} from '@argus/domain';
import { CredentialCipher, EncryptedCameraRepository, FsAlertOutbox } from '@argus/adapters';
import { SqliteDatabase } from '@argus/adapters/persistence/sqlite';
import { ARGUS_SECRETS, type ArgusConfig, type ArgusSecrets } from '@argus/config';
import { NodeTimers } from '../streams/node-timers';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY } from './tokens';

/** The adapters as the database gives them; the app uses the protected versions below. */
export const DATABASE_CAMERA_REPOSITORY = Symbol('DatabaseCameraRepository');
export const DATABASE_ALERT_REPOSITORY = Symbol('DatabaseAlertRepository');

/** Camera URLs sealed at rest; plain-text rows from earlier versions are sealed before serving. */
async function sealedCameras(inner: CameraRepository, secrets: ArgusSecrets, sqlite?: SqliteDatabase): Promise<CameraRepository> {
  const logger = new Logger('Cameras');
  const warned = new Set<string>();
  const cameras = new EncryptedCameraRepository(inner, CredentialCipher.fromBase64(secrets.credentialKey), (id) => {
    if (warned.has(id)) return;
    warned.add(id);
    logger.error(`camera ${id}: its stored URL does not decrypt with the current key (ARGUS_SECRET_KEY or DATA_DIR/secrets.json changed); enter the URL again`);
  });
  const report = await cameras.sealStoredUrls();
  if (report.sealed > 0) {
    // The plain-text versions must not stay behind in the write-ahead log.
    sqlite?.checkpoint();
    logger.log(`encrypted the stored URL of ${report.sealed} camera(s)`);
  }
  return cameras;
}

/** Alerts survive a database outage in `DATA_DIR/outbox`; what a previous run left there is replayed. */
async function resilientAlerts(inner: AlertRepository, config: ArgusConfig): Promise<ResilientAlertRepository> {
  const logger = new Logger('Alerts');
  const outbox = await FsAlertOutbox.open(join(config.dataDir, 'outbox'));
  const alerts = new ResilientAlertRepository(inner, outbox, new NodeTimers(), DEFAULT_RESILIENT_ALERTS, {
    warn: (m) => logger.warn(m),
    info: (m) => logger.log(m),
  });
  await alerts.start();
  return alerts;
}

/** Shutdown: after the streams stop producing alerts, one last attempt to empty the outbox. */
@Injectable()
class OutboxLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(ResilientAlertRepository) private readonly alerts: ResilientAlertRepository) {}
  async beforeApplicationShutdown(): Promise<void> {
    await this.alerts.close();
  }
}

export function protectedRepositoryProviders(config: ArgusConfig): Provider[] {
  return [
    {
      provide: CAMERA_REPOSITORY,
      useFactory: (inner: CameraRepository, secrets: ArgusSecrets, sqlite?: SqliteDatabase) => sealedCameras(inner, secrets, sqlite),
      inject: [DATABASE_CAMERA_REPOSITORY, ARGUS_SECRETS, { token: SqliteDatabase, optional: true }],
    },
    {
      provide: ResilientAlertRepository,
      useFactory: (inner: AlertRepository) => resilientAlerts(inner, config),
      inject: [DATABASE_ALERT_REPOSITORY],
    },
    { provide: ALERT_REPOSITORY, useExisting: ResilientAlertRepository },
    OutboxLifecycle,
  ];
}
