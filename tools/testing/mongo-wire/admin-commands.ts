/** Handshake, server information and collection/database management commands. */
import { type Document } from 'bson';
import { find } from 'mingo';
import { collectionName, optionalDocument, type CommandHandler } from './context';
import { CommandError } from './errors';

/** Claims MongoDB 7.0 (wire version 21), standalone, no auth, no compression. */
export const SERVER_VERSION = '7.0.0';
const MAX_WIRE_VERSION = 21;

const hello: CommandHandler = (context) => ({
  helloOk: true,
  isWritablePrimary: true,
  ismaster: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: context.connectionId,
  minWireVersion: 0,
  maxWireVersion: MAX_WIRE_VERSION,
  readOnly: false,
  ok: 1,
});

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  versionArray: [7, 0, 0, 0],
  gitVersion: 'argus-mongo-wire-test-double',
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  ok: 1,
});

const getParameter: CommandHandler = () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 });

const listCollections: CommandHandler = (context, command) => {
  const all = context.store.list(context.db).map((collection) => ({
    name: collection.name,
    type: 'collection',
    options: {},
    info: { readOnly: false },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  const filter = optionalDocument(command.filter, 'filter') ?? {};
  const docs = find(all, filter).all() as Document[];
  const shown = command.nameOnly === true ? docs.map((doc) => ({ name: doc.name, type: doc.type })) : docs;
  return context.cursors.first(`${context.db}.$cmd.listCollections`, shown, command.cursor?.batchSize);
};

const create: CommandHandler = (context, command) => {
  const name = collectionName(command, 'create');
  if (!context.store.obtain(context.db, name).created) {
    throw new CommandError(48, 'NamespaceExists', `Collection ${context.db}.${name} already exists.`);
  }
  return { ok: 1 };
};

const drop: CommandHandler = (context, command) => {
  const name = collectionName(command, 'drop');
  const existed = context.store.drop(context.db, name);
  return { ns: `${context.db}.${name}`, ...(existed ? {} : { info: 'ns not found' }), ok: 1 };
};

const dropDatabase: CommandHandler = (context) => {
  context.store.dropDatabase(context.db);
  return { dropped: context.db, ok: 1 };
};

const listDatabases: CommandHandler = (context) => ({
  databases: context.store.databaseNames().map((name) => ({ name, sizeOnDisk: 0, empty: context.store.list(name).length === 0 })),
  totalSize: 0,
  ok: 1,
});

export const adminCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  endSessions: () => ({ ok: 1 }),
  listCollections,
  create,
  drop,
  dropDatabase,
  listDatabases,
};
