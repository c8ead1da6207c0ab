/**
 * One in-memory collection of the MongoDB test double: documents in insertion order plus the
 * unique indexes it must honour. Query semantics come from mingo; this file only guards keys.
 */
import { EJSON, ObjectId, type Document } from 'bson';
import { CommandError, badValue } from './errors';

export interface IndexSpec {
  name: string;
  key: Record<string, unknown>;
  unique: boolean;
  /** Other options as given (sparse, expireAfterSeconds, ...): kept for listIndexes only. */
  options: Document;
}

const ID_INDEX: IndexSpec = { name: '_id_', key: { _id: 1 }, unique: true, options: {} };

export class WireCollection {
  readonly docs: Document[] = [];
  private readonly indexes: IndexSpec[] = [ID_INDEX];
  /** For each unique index: key string → the document holding it. */
  private readonly uniqueKeys = new Map<string, Map<string, Document>>([[ID_INDEX.name, new Map()]]);

  constructor(
    readonly db: string,
    readonly name: string,
  ) {}

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  /** Adds a document (an `_id` is generated when missing); throws E11000 on a taken key. */
  insert(doc: Document): Document {
    const { _id, ...fields } = doc;
    const stored = _id === undefined ? { _id: new ObjectId(), ...fields } : doc;
    this.assertKeysFree(stored);
    this.docs.push(stored);
    this.indexKeys(stored);
    return stored;
  }

  /** Puts `next` where `current` was, after checking its keys against everyone else's. */
  replace(current: Document, next: Document): void {
    const position = this.docs.indexOf(current);
    if (position < 0) throw new Error('replace: document is not in the collection');
    this.assertKeysFree(next, current);
    this.unindexKeys(current);
    this.docs[position] = next;
    this.indexKeys(next);
  }

  removeAll(victims: readonly Document[]): number {
    const gone = new Set(victims);
    victims.forEach((doc) => this.unindexKeys(doc));
    const kept = this.docs.filter((doc) => !gone.has(doc));
    const removed = this.docs.length - kept.length;
    this.docs.splice(0, this.docs.length, ...kept);
    return removed;
  }

  listIndexes(): IndexSpec[] {
    return [...this.indexes];
  }

  /** Returns false when an identical index already exists. */
  createIndex(spec: IndexSpec): boolean {
    const sameName = this.indexes.find((index) => index.name === spec.name);
    const sameKey = this.indexes.find((index) => keyText(index.key) === keyText(spec.key));
    if (sameName && keyText(sameName.key) !== keyText(spec.key)) {
      throw new CommandError(86, 'IndexKeySpecsConflict', `An existing index has the same name (${spec.name}) as the requested index but a different key`);
    }
    if (sameKey) {
      if (sameKey.name === spec.name && sameKey.unique === spec.unique) return false;
      throw new CommandError(85, 'IndexOptionsConflict', `Index already exists with a different name or options: ${sameKey.name}`);
    }
    if (spec.unique) this.uniqueKeys.set(spec.name, this.buildUniqueKeys(spec));
    this.indexes.push(spec);
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX.name) throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    const position = this.indexes.findIndex((index) => index.name === name);
    if (position < 0) throw new CommandError(27, 'IndexNotFound', `index not found with name [${name}]`);
    this.indexes.splice(position, 1);
    this.uniqueKeys.delete(name);
  }

  dropAllIndexes(): void {
    this.indexes.splice(1);
    [...this.uniqueKeys.keys()].filter((name) => name !== ID_INDEX.name).forEach((name) => this.uniqueKeys.delete(name));
  }

  private buildUniqueKeys(spec: IndexSpec): Map<string, Document> {
    const keys = new Map<string, Document>();
    for (const doc of this.docs) {
      const key = indexKey(spec, doc);
      if (keys.has(key)) throw this.duplicateKey(spec, doc);
      keys.set(key, doc);
    }
    return keys;
  }

  private assertKeysFree(doc: Document, self?: Document): void {
    for (const spec of this.indexes) {
      const holder = this.uniqueKeys.get(spec.name)?.get(indexKey(spec, doc));
      if (holder && holder !== self) throw this.duplicateKey(spec, doc);
    }
  }

  private indexKeys(doc: Document): void {
    for (const spec of this.indexes) this.uniqueKeys.get(spec.name)?.set(indexKey(spec, doc), doc);
  }

  private unindexKeys(doc: Document): void {
    for (const spec of this.indexes) {
      const keys = this.uniqueKeys.get(spec.name);
      const key = indexKey(spec, doc);
      if (keys?.get(key) === doc) keys.delete(key);
    }
  }

  private duplicateKey(spec: IndexSpec, doc: Document): CommandError {
    const keyValue = Object.fromEntries(Object.keys(spec.key).map((field) => [field, valueAt(doc, field) ?? null]));
    const shown = Object.entries(keyValue).map(([field, value]) => `${field}: ${EJSON.stringify(value)}`).join(', ');
    return new CommandError(11000, 'DuplicateKey', `E11000 duplicate key error collection: ${this.namespace} index: ${spec.name} dup key: { ${shown} }`, {
      keyPattern: spec.key,
      keyValue,
    });
  }
}

/** Parses one `createIndexes` entry. */
export function toIndexSpec(raw: Document): IndexSpec {
  const { key, name, unique, v: _version, ...options } = raw;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) throw badValue('index key pattern must be a non-empty object');
  if (typeof name !== 'string' || name === '') throw badValue('index name must be a non-empty string');
  return { name, key: key as Record<string, unknown>, unique: unique === true, options };
}

/**
 * Value at a dotted path; a missing field indexes as null, as in MongoDB. Arrays are compared
 * whole (no multikey expansion): enough for the unique indexes this double is used with.
 */
export function valueAt(doc: Document, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Document)[part] : undefined), doc);
}

function indexKey(spec: IndexSpec, doc: Document): string {
  // Canonical EJSON keeps types apart: the string "1" and the number 1 are different keys.
  return EJSON.stringify(Object.keys(spec.key).map((field) => valueAt(doc, field) ?? null), { relaxed: false });
}

function keyText(key: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(key));
}
