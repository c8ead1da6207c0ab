/**
 * Jest globalSetup for libs/adapters: when MONGODB_URI is unset, starts the wire test double and
 * hands its URI to the test workers through MONGO_WIRE_TEST_DOUBLE_URI (workers inherit env).
 * Referenced by path from libs/adapters/jest.config.js, so the adapters project never imports
 * tools (tools import adapters; the other direction would be a dependency cycle).
 */
import { startMongoWireServer, type MongoWireServer } from './server';

export const TEST_DOUBLE_URI_ENV = 'MONGO_WIRE_TEST_DOUBLE_URI';

const globalState = globalThis as typeof globalThis & { __argusMongoWire?: MongoWireServer };

export default async function setup(): Promise<void> {
  if (process.env.MONGODB_URI || globalState.__argusMongoWire) return;
  const server = await startMongoWireServer();
  globalState.__argusMongoWire = server;
  process.env[TEST_DOUBLE_URI_ENV] = server.uri;
}

export async function teardown(): Promise<void> {
  await globalState.__argusMongoWire?.stop();
  delete globalState.__argusMongoWire;
}
