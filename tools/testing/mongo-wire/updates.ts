/** Applying an update document (operators, replacement or pipeline) to one stored document. */
import { EJSON, deserialize, serialize, type Document } from 'bson';
import { ProcessingMode, aggregate, update as applyOperators } from 'mingo';
import { CommandError, badValue } from './errors';

export interface UpdateSpec {
  update: Document | Document[];
  arrayFilters?: Document[];
}

/** A deep copy that keeps BSON types (structuredClone would drop ObjectId's prototype). */
export function cloneDocument(doc: Document): Document {
  return deserialize(serialize(doc));
}

export function sameDocument(a: Document, b: Document): boolean {
  return Buffer.from(serialize(a)).equals(Buffer.from(serialize(b)));
}

/** The document after the update; `inserting` applies $setOnInsert (upserts). */
export function updatedDocument(current: Document, spec: UpdateSpec, inserting = false): Document {
  const { update } = spec;
  let next: Document;
  if (Array.isArray(update)) {
    next = aggregate([current], update, { processingMode: ProcessingMode.CLONE_INPUT })[0] as Document;
  } else if (isOperatorUpdate(update)) {
    next = cloneDocument(current);
    const { $setOnInsert, ...operators } = update;
    const modifier = inserting && $setOnInsert ? { ...operators, $set: { ...(operators.$set ?? {}), ...$setOnInsert } } : operators;
    if (Object.keys(modifier).length) applyModifier(next, modifier, spec.arrayFilters);
  } else {
    const { _id, ...fields } = update;
    next = { _id: _id === undefined ? current._id : _id, ...fields };
  }
  if (current._id !== undefined && idText(next._id) !== idText(current._id)) {
    throw immutableId();
  }
  return next;
}

function applyModifier(doc: Document, modifier: Document, arrayFilters?: Document[]): void {
  try {
    applyOperators(doc, modifier, arrayFilters, undefined, { cloneMode: 'deep' });
  } catch (error) {
    // mingo guards _id itself; answer with the server's code for it.
    if (error instanceof Error && error.message.includes("immutable field '_id'")) throw immutableId();
    throw error;
  }
}

function immutableId(): CommandError {
  return new CommandError(66, 'ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}

/** The equality fields of an upsert's query: the new document starts from them. */
export function upsertSeed(query: Document): Document {
  const seed: Document = {};
  for (const [path, value] of Object.entries(query)) {
    if (path.startsWith('$') || isOperatorObject(value)) continue;
    setPath(seed, path, value);
  }
  return seed;
}

function isOperatorUpdate(update: Document): boolean {
  const keys = Object.keys(update);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length && operators.length !== keys.length) throw badValue('update mixes operators and fields');
  return operators.length > 0;
}

function isOperatorObject(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

function setPath(target: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = node[part] && typeof node[part] === 'object' ? node[part] : {};
    node = node[part];
  }
  node[parts[parts.length - 1]] = value;
}

function idText(id: unknown): string {
  return EJSON.stringify({ id }, { relaxed: false });
}
