export { startMongoWireServer, type MongoWireServer, type MongoWireServerOptions } from './server';
export { SUPPORTED_COMMANDS } from './commands';
