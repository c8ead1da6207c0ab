import {
  SqliteAlertRepository,
  SqliteCameraRepository,
  SqliteDatabase,
  SqliteFaceRepository,
  SqlitePersonRepository,
  SqliteUnknownGroupRepository,
  SqliteUserRepository,
} from '../sqlite';
import { SqlitePushSubscriptionRepository, SqliteWebhookDeliveryRepository, SqliteWebhookRepository } from '../sqlite';
import { EncryptedWebhookRepository } from '../encrypted-webhook-repository';
import {
  describePushSubscriptionRepositoryContract,
  describeWebhookDeliveryRepositoryContract,
  describeWebhookRepositoryContract,
} from './notification-repositories.contract';
import { CredentialCipher } from '../../security/credential-cipher';
import { EncryptedCameraRepository } from '../encrypted-camera-repository';
import { describeAlertIdentityContract } from './alert-identity.contract';
import { describeAlertRepositoryContract } from './alert-repository.contract';
import { describeCameraRepositoryContract } from './camera-repository.contract';
import { describeFaceRepositoryContract } from './face-repository.contract';
import { describePersonRepositoryContract } from './person-repository.contract';
import { describeUnknownGroupRepositoryContract } from './unknown-group-repository.contract';
import { describeUserRepositoryContract } from './user-repository.contract';

// Each test gets its own in-memory database, closed after it.
const opened: SqliteDatabase[] = [];
function freshDatabase(): SqliteDatabase {
  const db = SqliteDatabase.inMemory();
  opened.push(db);
  return db;
}
afterEach(() => opened.splice(0).forEach((db) => db.close()));

describeUserRepositoryContract('SQLite', async () => new SqliteUserRepository(freshDatabase()));
describeCameraRepositoryContract('SQLite', async () => new SqliteCameraRepository(freshDatabase()));
// Camera URLs sealed at rest: the same behaviour through the encrypting decorator.
const cipher = CredentialCipher.fromBase64(CredentialCipher.generateKey());
describeCameraRepositoryContract('SQLite, URLs encrypted', async () => new EncryptedCameraRepository(new SqliteCameraRepository(freshDatabase()), cipher));
describeAlertRepositoryContract('SQLite', async () => new SqliteAlertRepository(freshDatabase()));
describeAlertIdentityContract('SQLite', async () => new SqliteAlertRepository(freshDatabase()));
describePersonRepositoryContract('SQLite', async () => new SqlitePersonRepository(freshDatabase()));
describeFaceRepositoryContract('SQLite', async () => new SqliteFaceRepository(freshDatabase()));
describeUnknownGroupRepositoryContract('SQLite', async () => new SqliteUnknownGroupRepository(freshDatabase()));
describeWebhookRepositoryContract('SQLite', async () => new SqliteWebhookRepository(freshDatabase()));
describeWebhookRepositoryContract('SQLite, secrets encrypted', async () => new EncryptedWebhookRepository(new SqliteWebhookRepository(freshDatabase()), cipher));
describeWebhookDeliveryRepositoryContract('SQLite', async () => new SqliteWebhookDeliveryRepository(freshDatabase()));
describePushSubscriptionRepositoryContract('SQLite', async () => new SqlitePushSubscriptionRepository(freshDatabase()));
