import mongoose, { type Connection } from 'mongoose';
import { describeCameraFencesContract } from './contract/lease-store.contract';
import { MongoCameraFences } from './mongo-camera-fences';

// A real MongoDB when MONGODB_URI is set; otherwise the wire-protocol test double that
// tools/testing/mongo-wire/jest-global-setup.ts starts for this project.
const uri = process.env.MONGODB_URI || process.env.MONGO_WIRE_TEST_DOUBLE_URI;
const runId = `${process.pid}_${Date.now().toString(36)}`;
let client: Connection;
let databases = 0;
const used: Connection[] = [];

beforeAll(async () => {
  if (!uri) throw new Error('No MongoDB: set MONGODB_URI, or run with libs/adapters/jest.config.js (starts the test double)');
  client = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
});
afterEach(async () => {
  for (const db of used.splice(0)) await db.dropDatabase();
});
afterAll(async () => {
  await client?.close();
});

describeCameraFencesContract(process.env.MONGODB_URI ? 'MongoDB' : 'MongoDB wire test double', async () => {
  const db = client.useDb(`argus_fences_${runId}_${++databases}`, { useCache: false });
  used.push(db);
  return new MongoCameraFences(db);
});
