/** createIndexes, listIndexes, dropIndexes. Only `unique` changes behaviour; the rest is kept. */
import type { Document } from 'bson';
import { toIndexSpec } from './collection';
import { collectionName, type CommandHandler } from './context';
import { badValue, namespaceNotFound } from './errors';

const createIndexes: CommandHandler = (context, command) => {
  const name = collectionName(command, 'createIndexes');
  if (!Array.isArray(command.indexes) || command.indexes.length === 0) throw badValue('indexes must be a non-empty array');
  const specs = (command.indexes as Document[]).map(toIndexSpec);
  const { collection, created } = context.store.obtain(context.db, name);
  const numIndexesBefore = collection.listIndexes().length;
  for (const spec of specs) collection.createIndex(spec);
  const numIndexesAfter = collection.listIndexes().length;
  return {
    createdCollectionAutomatically: created,
    numIndexesBefore,
    numIndexesAfter,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: CommandHandler = (context, command) => {
  const name = collectionName(command, 'listIndexes');
  const collection = context.store.find(context.db, name);
  if (!collection) throw namespaceNotFound(`${context.db}.${name}`);
  // The _id index is unique by nature; the server does not list it as such.
  const docs = collection.listIndexes().map((spec) => ({ v: 2, key: spec.key, name: spec.name, ...(spec.unique && spec.name !== '_id_' ? { unique: true } : {}), ...spec.options }));
  return context.cursors.first(`${context.db}.${name}`, docs, command.cursor?.batchSize);
};

const dropIndexes: CommandHandler = (context, command) => {
  const name = collectionName(command, 'dropIndexes');
  const collection = context.store.find(context.db, name);
  if (!collection) throw namespaceNotFound(`${context.db}.${name}`);
  const nIndexesWas = collection.listIndexes().length;
  const target = command.index;
  if (target === '*') {
    collection.dropAllIndexes();
  } else {
    for (const indexName of indexNames(collection.listIndexes(), target)) collection.dropIndex(indexName);
  }
  return { nIndexesWas, ok: 1 };
};

/** `index` may be a name, a list of names, or a key pattern. */
function indexNames(existing: Array<{ name: string; key: Record<string, unknown> }>, target: unknown): string[] {
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) return target.map(String);
  if (target && typeof target === 'object') {
    const wanted = JSON.stringify(Object.entries(target));
    const match = existing.find((index) => JSON.stringify(Object.entries(index.key)) === wanted);
    if (!match) throw badValue(`can't find index with key: ${JSON.stringify(target)}`);
    return [match.name];
  }
  throw badValue('index must be a string, an array of names or a key pattern');
}

export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes };
