import mongoose, { type Connection } from 'mongoose';
import { createMongoRepositories, ensureMongoIndexes, type MongoRepositories } from '../mongo';
import { CredentialCipher } from '../../security/credential-cipher';
import { EncryptedCameraRepository } from '../encrypted-camera-repository';
import { EncryptedWebhookRepository } from '../encrypted-webhook-repository';
import {
  describePushSubscriptionRepositoryContract,
  describeWebhookDeliveryRepositoryContract,
  describeWebhookRepositoryContract,
} from './notification-repositories.contract';
import { describeAlertIdentityContract } from './alert-identity.contract';
import { describeAlertRepositoryContract } from './alert-repository.contract';
import { describeCameraRepositoryContract } from './camera-repository.contract';
import { describeFaceRepositoryContract } from './face-repository.contract';
import { describePersonRepositoryContract } from './person-repository.contract';
import { describeUnknownGroupRepositoryContract } from './unknown-group-repository.contract';
import { describeUserRepositoryContract } from './user-repository.contract';

// A real MongoDB when MONGODB_URI is set; otherwise the wire-protocol test double that
// tools/testing/mongo-wire/jest-global-setup.ts starts for this project.
const realMongo = Boolean(process.env.MONGODB_URI);
const uri = process.env.MONGODB_URI || process.env.MONGO_WIRE_TEST_DOUBLE_URI;
const label = realMongo ? 'MongoDB' : 'MongoDB wire test double';
const runId = `${process.pid}_${Date.now().toString(36)}`;

let client: Connection;
let databases = 0;
const used: Connection[] = [];

beforeAll(async () => {
  if (!uri) throw new Error('No MongoDB: set MONGODB_URI, or run with libs/adapters/jest.config.js (starts the test double)');
  client = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
});
afterEach(async () => {
  // Every test had a database of its own (unique per run); none is left behind.
  for (const db of used.splice(0)) await db.dropDatabase();
});
afterAll(async () => {
  await client?.close();
});

async function freshRepositories(): Promise<MongoRepositories> {
  const db = client.useDb(`argus_contract_${runId}_${++databases}`, { useCache: false });
  used.push(db);
  await ensureMongoIndexes(db);
  return createMongoRepositories(db);
}

describeUserRepositoryContract(label, async () => (await freshRepositories()).users);
describeCameraRepositoryContract(label, async () => (await freshRepositories()).cameras);
// Camera URLs sealed at rest: the same behaviour through the encrypting decorator.
const cipher = CredentialCipher.fromBase64(CredentialCipher.generateKey());
describeCameraRepositoryContract(`${label}, URLs encrypted`, async () => new EncryptedCameraRepository((await freshRepositories()).cameras, cipher));
describeAlertRepositoryContract(label, async () => (await freshRepositories()).alerts);
describeAlertIdentityContract(label, async () => (await freshRepositories()).alerts);
describePersonRepositoryContract(label, async () => (await freshRepositories()).persons);
describeFaceRepositoryContract(label, async () => (await freshRepositories()).faces);
describeUnknownGroupRepositoryContract(label, async () => (await freshRepositories()).unknownGroups);
describeWebhookRepositoryContract(label, async () => (await freshRepositories()).webhooks);
describeWebhookRepositoryContract(`${label}, secrets encrypted`, async () => new EncryptedWebhookRepository((await freshRepositories()).webhooks, cipher));
describeWebhookDeliveryRepositoryContract(label, async () => (await freshRepositories()).webhookDeliveries);
describePushSubscriptionRepositoryContract(label, async () => (await freshRepositories()).pushSubscriptions);

describe(`ensureMongoIndexes: ${label}`, () => {
  it('builds the indexes the repositories rely on, idempotently', async () => {
    await freshRepositories();
    const db = used[0];
    await ensureMongoIndexes(db);
    const keys = async (collection: string) =>
      (await db.collection(collection).indexes()).map((index) => ({ key: index.key, unique: index.unique === true }));
    expect(await keys('users')).toEqual(expect.arrayContaining([{ key: { usernameKey: 1 }, unique: true }]));
    expect(await keys('cameras')).toEqual(
      expect.arrayContaining([
        { key: { ownerId: 1 }, unique: false },
        { key: { viewerIds: 1 }, unique: false },
      ]),
    );
    expect(await keys('alerts')).toEqual(
      expect.arrayContaining([
        { key: { cameraId: 1, timestamp: -1, _id: -1 }, unique: false },
        { key: { timestamp: -1, _id: -1 }, unique: false },
        { key: { 'person.id': 1, timestamp: -1, _id: -1 }, unique: false },
      ]),
    );
    expect(await keys('persons')).toEqual(expect.arrayContaining([{ key: { nameKey: 1 }, unique: true }]));
    expect(await keys('faces')).toEqual(
      expect.arrayContaining([
        { key: { personId: 1, createdAt: 1, _id: 1 }, unique: false },
        { key: { 'embeddings.model': 1 }, unique: false },
      ]),
    );
    expect(await keys('unknown_groups')).toEqual(expect.arrayContaining([{ key: { number: 1 }, unique: true }]));
    expect(await keys('unknown_faces')).toEqual(expect.arrayContaining([{ key: { groupId: 1, seenAt: -1, _id: -1 }, unique: false }]));
  });
});
