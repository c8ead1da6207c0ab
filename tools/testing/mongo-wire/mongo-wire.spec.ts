import { createConnection } from 'node:net';
import mongoose from 'mongoose';
import { startMongoWireServer, type MongoWireServer } from './index';

const { MongoClient, MongoServerError } = mongoose.mongo;
type Client = InstanceType<typeof MongoClient>;

describe('MongoDB wire test double, through the official driver', () => {
  let server: MongoWireServer;
  let client: Client;
  let dbCount = 0;
  const freshDb = () => client.db(`wire_${++dbCount}`);

  beforeAll(async () => {
    server = await startMongoWireServer();
    client = await new MongoClient(server.uri, { serverSelectionTimeoutMS: 3000 }).connect();
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('listens on the loopback interface only and answers the handshake commands', async () => {
    expect(server.uri).toBe(`mongodb://127.0.0.1:${server.port}/`);
    const admin = client.db('admin');
    expect((await admin.command({ ping: 1 })).ok).toBe(1);
    expect((await admin.command({ hello: 1 })).isWritablePrimary).toBe(true);
    expect((await admin.command({ buildInfo: 1 })).version).toMatch(/^7\./);
  });

  it('finds with filter, sort, skip, limit and projection', async () => {
    const people = freshDb().collection('people');
    await people.insertMany([
      { _id: 'a', name: 'Ann', age: 31, tags: ['x'] },
      { _id: 'b', name: 'Bob', age: 25, tags: ['y'] },
      { _id: 'c', name: 'Cid', age: 40, tags: ['x', 'y'] },
      { _id: 'd', name: 'Dee', age: 35 },
    ] as never[]);
    const found = await people.find({ age: { $gte: 30 } }, { projection: { name: 1, _id: 0 } }).sort({ age: -1 }).skip(1).limit(2).toArray();
    expect(found).toEqual([{ name: 'Dee' }, { name: 'Ann' }]);
    expect(await people.countDocuments({ tags: 'x' })).toBe(2);
    expect(await people.estimatedDocumentCount()).toBe(4);
    expect((await people.distinct('tags')).sort()).toEqual(['x', 'y']);
    expect(await people.findOne({ _id: 'zz' as never })).toBeNull();
  });

  it('serves large results in batches through getMore, and kills cursors', async () => {
    const numbers = freshDb().collection('numbers');
    await numbers.insertMany(Array.from({ length: 250 }, (_, i) => ({ n: i })));
    const all = await numbers.find({}, { batchSize: 40 }).sort({ n: 1 }).toArray();
    expect(all.map((doc) => doc.n)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const cursor = numbers.find({}, { batchSize: 10 });
    await cursor.next();
    await cursor.close();
    const stale = await client.db('admin').command({ getMore: mongoose.mongo.Long.fromNumber(999), collection: 'numbers', $db: numbers.dbName } as never).catch((e) => e);
    expect(stale).toBeInstanceOf(MongoServerError);
    expect(stale.code).toBe(43);
  });

  it('enforces unique indexes with E11000 and keeps the first document', async () => {
    const users = freshDb().collection('users');
    await users.createIndex({ key: 1 }, { unique: true, name: 'key_unique' });
    await users.insertOne({ _id: 'u1', key: 'alice' } as never);
    const error = await users.insertOne({ _id: 'u2', key: 'alice' } as never).catch((e) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(11000);
    expect(error.message).toBe(`E11000 duplicate key error collection: ${users.dbName}.users index: key_unique dup key: { key: "alice" }`);
    const duplicateId = await users.insertOne({ _id: 'u1', key: 'bob' } as never).catch((e) => e);
    expect(duplicateId.code).toBe(11000);
    await users.insertOne({ _id: 'u3', key: 'carol' } as never);
    const clash = await users.updateOne({ _id: 'u3' as never }, { $set: { key: 'alice' } }).catch((e) => e);
    expect(clash.code).toBe(11000);
    expect(await users.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'u1', key: 'alice' },
      { _id: 'u3', key: 'carol' },
    ]);
    const indexes = await users.indexes();
    expect(indexes.map((index) => [index.name, index.unique ?? false])).toEqual([
      ['_id_', false],
      ['key_unique', true],
    ]);
  });

  it('refuses a unique index over existing duplicates', async () => {
    const things = freshDb().collection('things');
    await things.insertMany([{ k: 1 }, { k: 1 }]);
    const error = await things.createIndex({ k: 1 }, { unique: true }).catch((e) => e);
    expect(error.code).toBe(11000);
    expect(await things.indexes()).toHaveLength(1);
  });

  it('applies update operators, counts matches and modifications, and upserts', async () => {
    interface Doc {
      _id: number;
      list?: string[];
      n: number;
      name?: string;
      gone?: boolean;
      kind?: string;
      created?: boolean;
    }
    const docs = freshDb().collection<Doc>('docs');
    await docs.insertMany([
      { _id: 1, list: ['a', 'b'], n: 1, gone: true },
      { _id: 2, list: ['b'], n: 5 },
    ]);
    await docs.updateOne({ _id: 1 }, { $set: { name: 'one' }, $inc: { n: 2 }, $push: { list: 'c' }, $unset: { gone: '' } });
    await docs.updateOne({ _id: 1 }, { $addToSet: { list: 'a' } });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, list: ['a', 'b', 'c'], n: 3, name: 'one' });
    const pulled = await docs.updateMany({ list: 'b' }, { $pull: { list: 'b' } });
    expect([pulled.matchedCount, pulled.modifiedCount]).toEqual([2, 2]);
    const unchanged = await docs.updateMany({}, { $pull: { list: 'zzz' } });
    expect([unchanged.matchedCount, unchanged.modifiedCount]).toEqual([2, 0]);
    const upserted = await docs.updateOne({ _id: 3, kind: 'new' }, { $set: { n: 9 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(upserted.upsertedId).toBe(3);
    expect(await docs.findOne({ _id: 3 })).toEqual({ _id: 3, kind: 'new', n: 9, created: true });
    const immutable = await docs.updateOne({ _id: 3 }, { $set: { _id: 4 } as never }).catch((e) => e);
    expect(immutable.code).toBe(66);
  });

  it('finds and modifies or removes one document', async () => {
    const jobs = freshDb().collection('jobs');
    await jobs.insertMany([{ _id: 'j1', state: 'queued', p: 2 }, { _id: 'j2', state: 'queued', p: 1 }] as never[]);
    const before = await jobs.findOneAndUpdate({ state: 'queued' }, { $set: { state: 'running' } }, { sort: { p: 1 }, returnDocument: 'before' });
    expect(before).toEqual({ _id: 'j2', state: 'queued', p: 1 });
    const after = await jobs.findOneAndUpdate({ _id: 'j1' as never }, { $set: { state: 'done' } }, { returnDocument: 'after', projection: { state: 1 } });
    expect(after).toEqual({ _id: 'j1', state: 'done' });
    expect(await jobs.findOneAndUpdate({ _id: 'none' as never }, { $set: { state: 'x' } })).toBeNull();
    expect(await jobs.findOneAndDelete({ _id: 'j2' as never })).toEqual({ _id: 'j2', state: 'running', p: 1 });
    expect(await jobs.countDocuments()).toBe(1);
  });

  it('replaces whole documents, upserts through findAndModify, and takes unacknowledged writes', async () => {
    const notes = freshDb().collection('notes');
    await notes.insertOne({ _id: 'n1', text: 'a', extra: 1 } as never);
    await notes.replaceOne({ _id: 'n1' as never }, { text: 'b' });
    expect(await notes.findOne({ _id: 'n1' as never })).toEqual({ _id: 'n1', text: 'b' });
    const created = await notes.findOneAndUpdate({ _id: 'n2' as never }, { $set: { text: 'c' } }, { upsert: true, returnDocument: 'after' });
    expect(created).toEqual({ _id: 'n2', text: 'c' });
    // w: 0 sets OP_MSG's moreToCome flag: the server must not answer, and still apply the write.
    await notes.insertOne({ _id: 'n3', text: 'd' } as never, { writeConcern: { w: 0 } });
    expect(await notes.countDocuments()).toBe(3);
  });

  it('deletes one or many', async () => {
    const items = freshDb().collection('items');
    await items.insertMany([{ c: 'x' }, { c: 'x' }, { c: 'x' }, { c: 'y' }]);
    expect((await items.deleteOne({ c: 'x' })).deletedCount).toBe(1);
    expect((await items.deleteMany({ c: 'x' })).deletedCount).toBe(2);
    expect((await items.deleteMany({ c: 'nothing' })).deletedCount).toBe(0);
    expect((await freshDb().collection('missing').deleteMany({})).deletedCount).toBe(0);
  });

  it('aggregates with $match, $group, $sort, $project, $facet and $count', async () => {
    const sales = freshDb().collection('sales');
    await sales.insertMany([
      { shop: 'a', amount: 5 },
      { shop: 'b', amount: 7 },
      { shop: 'a', amount: 10 },
      { shop: 'c', amount: 1 },
    ]);
    const totals = await sales
      .aggregate([{ $match: { amount: { $gt: 1 } } }, { $group: { _id: '$shop', total: { $sum: '$amount' } } }, { $sort: { total: -1 } }, { $project: { _id: 0, shop: '$_id', total: 1 } }])
      .toArray();
    expect(totals).toEqual([
      { total: 15, shop: 'a' },
      { total: 7, shop: 'b' },
    ]);
    const [facets] = await sales.aggregate([{ $facet: { n: [{ $count: 'n' }], top: [{ $sort: { amount: -1 } }, { $limit: 1 }, { $project: { _id: 0, amount: 1 } }] } }]).toArray();
    expect(facets).toEqual({ n: [{ n: 4 }], top: [{ amount: 10 }] });
    expect(await sales.find({}, { projection: { _id: 0 } }).sort({ amount: 1 }).limit(1).toArray()).toEqual([{ shop: 'c', amount: 1 }]);
  });

  it('creates, lists and drops collections, indexes and databases', async () => {
    const db = freshDb();
    await db.createCollection('one');
    await expect(db.createCollection('one')).rejects.toMatchObject({ code: 48 });
    await db.collection('two').createIndex({ a: 1, b: -1 }, { name: 'a_b' });
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()).toEqual(['one', 'two']);
    expect((await db.collection('two').indexes()).map((index) => index.key)).toEqual([{ _id: 1 }, { a: 1, b: -1 }]);
    await db.collection('two').dropIndex('a_b');
    expect(await db.collection('two').indexes()).toHaveLength(1);
    await expect(db.collection('absent').indexes()).rejects.toMatchObject({ code: 26 });
    expect(await db.dropCollection('one')).toBe(true);
    await db.dropDatabase();
    expect(await db.listCollections().toArray()).toEqual([]);
  });

  it('answers unknown commands and operators with the server error shapes', async () => {
    await expect(client.db('admin').command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    const bad = freshDb().collection('bad');
    await bad.insertOne({ a: 1 });
    await expect(bad.find({ a: { $frob: 1 } }).toArray()).rejects.toMatchObject({ code: 2, codeName: 'BadValue' });
  });

  it('stores copies: later changes to the inserted object do not leak in', async () => {
    const copies = freshDb().collection('copies');
    const original = { _id: 'x', nested: { list: [1] } };
    await copies.insertOne(original as never);
    original.nested.list.push(2);
    expect(await copies.findOne({})).toEqual({ _id: 'x', nested: { list: [1] } });
  });
});

describe('MongoDB wire test double: an outage and the return', () => {
  it('refuses and drops connections while suspended, and comes back on the same port with its data', async () => {
    const server = await startMongoWireServer();
    const client = await new MongoClient(server.uri, { serverSelectionTimeoutMS: 1000, heartbeatFrequencyMS: 500 }).connect();
    try {
      const events = client.db('outage').collection('events');
      await events.insertOne({ _id: 'before' } as never);
      const dropped = new Promise<void>((resolve) => client.once('connectionClosed', () => resolve()));

      await server.suspend();
      expect(server.suspended).toBe(true);
      await dropped; // the open connection went with the outage
      await expect(events.insertOne({ _id: 'during' } as never)).rejects.toThrow();
      const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const probe = createConnection(server.port, '127.0.0.1', () => (probe.destroy(), resolve(null)));
        probe.once('error', resolve);
      });
      expect(refused?.code).toBe('ECONNREFUSED');
      await server.suspend(); // again: nothing changes

      await server.resume();
      expect(server.suspended).toBe(false);
      await events.insertOne({ _id: 'after' } as never);
      expect(server.documents('outage', 'events')).toEqual([{ _id: 'before' }, { _id: 'after' }]);
      expect(await events.find({}).toArray()).toEqual([{ _id: 'before' }, { _id: 'after' }]);
      // documents() answers copies.
      server.documents('outage', 'events')[0]._id = 'changed';
      expect(server.documents('outage', 'events')[0]).toEqual({ _id: 'before' });
      expect(server.documents('outage', 'absent')).toEqual([]);
    } finally {
      await client.close();
      await server.stop();
    }
  });
});
