import { SqliteAlertRepository } from './sqlite-alert-repository';
import { SqliteCameraRepository } from './sqlite-camera-repository';
import { SqliteFaceRepository } from './sqlite-face-repository';
import { SqlitePersonRepository } from './sqlite-person-repository';
import { SqliteUnknownGroupRepository } from './sqlite-unknown-group-repository';
import type { SqliteDatabase } from './sqlite-database';
import { SqliteUserRepository } from './sqlite-user-repository';

export * from './sqlite-database';
export * from './migrations';
export { SqliteUserRepository } from './sqlite-user-repository';
export { SqliteCameraRepository } from './sqlite-camera-repository';
export { SqliteAlertRepository } from './sqlite-alert-repository';
export { SqlitePersonRepository } from './sqlite-person-repository';
export { SqliteFaceRepository } from './sqlite-face-repository';
export { SqliteUnknownGroupRepository } from './sqlite-unknown-group-repository';
export { SqliteWebhookRepository } from './sqlite-webhook-repository';
export { SqliteWebhookDeliveryRepository } from './sqlite-webhook-delivery-repository';
export { SqlitePushSubscriptionRepository } from './sqlite-push-subscription-repository';

export interface SqliteRepositories {
  users: SqliteUserRepository;
  cameras: SqliteCameraRepository;
  alerts: SqliteAlertRepository;
  persons: SqlitePersonRepository;
  faces: SqliteFaceRepository;
  unknownGroups: SqliteUnknownGroupRepository;
}

export function createSqliteRepositories(db: SqliteDatabase): SqliteRepositories {
  return {
    users: new SqliteUserRepository(db),
    cameras: new SqliteCameraRepository(db),
    alerts: new SqliteAlertRepository(db),
    persons: new SqlitePersonRepository(db),
    faces: new SqliteFaceRepository(db),
    unknownGroups: new SqliteUnknownGroupRepository(db),
  };
}
