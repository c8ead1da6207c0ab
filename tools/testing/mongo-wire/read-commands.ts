/** find, getMore, killCursors, count, distinct, aggregate — evaluated by mingo. */
import { EJSON, type Document } from 'bson';
import { ProcessingMode, aggregate, find } from 'mingo';
import { badValue } from './errors';
import { collectionName, optionalDocument, optionalNumber, type CommandContext, type CommandHandler } from './context';
import { valueAt } from './collection';

export interface Selection {
  filter?: Document;
  sort?: Document;
  projection?: Document;
  skip?: number;
  limit?: number;
}

/** Documents of `name` matching the selection, in order; a missing collection is empty. */
export function select(context: CommandContext, name: string, selection: Selection): Document[] {
  const docs = context.store.find(context.db, name)?.docs ?? [];
  const projection = selection.projection && Object.keys(selection.projection).length ? selection.projection : undefined;
  let cursor = find(docs, selection.filter ?? {}, projection);
  if (selection.sort && Object.keys(selection.sort).length) cursor = cursor.sort(selection.sort);
  if (selection.skip) cursor = cursor.skip(selection.skip);
  if (selection.limit) cursor = cursor.limit(selection.limit);
  return cursor.all() as Document[];
}

function namespace(context: CommandContext, name: string): string {
  return `${context.db}.${name}`;
}

const findCommand: CommandHandler = (context, command) => {
  const name = collectionName(command, 'find');
  const limit = optionalNumber(command.limit, 'limit') ?? 0;
  const docs = select(context, name, {
    filter: optionalDocument(command.filter, 'filter'),
    sort: optionalDocument(command.sort, 'sort'),
    projection: optionalDocument(command.projection, 'projection'),
    skip: optionalNumber(command.skip, 'skip'),
    limit: Math.abs(limit),
  });
  const singleBatch = command.singleBatch === true || limit < 0;
  return context.cursors.first(namespace(context, name), docs, optionalNumber(command.batchSize, 'batchSize'), singleBatch);
};

const getMore: CommandHandler = (context, command) => {
  const id = optionalNumber(command.getMore, 'getMore');
  if (id === undefined) throw badValue('getMore must be a cursor id');
  return context.cursors.more(id, collectionName(command, 'collection'), optionalNumber(command.batchSize, 'batchSize'));
};

const killCursors: CommandHandler = (context, command) => {
  const ids = Array.isArray(command.cursors) ? command.cursors.map(Number) : [];
  const { killed, notFound } = context.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (context, command) => {
  const name = collectionName(command, 'count');
  const docs = select(context, name, {
    filter: optionalDocument(command.query, 'query'),
    skip: optionalNumber(command.skip, 'skip'),
    limit: Math.abs(optionalNumber(command.limit, 'limit') ?? 0),
  });
  return { n: docs.length, ok: 1 };
};

const distinct: CommandHandler = (context, command) => {
  const name = collectionName(command, 'distinct');
  if (typeof command.key !== 'string') throw badValue('distinct key must be a string');
  const seen = new Map<string, unknown>();
  for (const doc of select(context, name, { filter: optionalDocument(command.query, 'query') })) {
    const value = valueAt(doc, command.key);
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) seen.set(EJSON.stringify({ v: item }, { relaxed: false }), item);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

const aggregateCommand: CommandHandler = (context, command) => {
  const name = collectionName(command, 'aggregate');
  if (!Array.isArray(command.pipeline)) throw badValue("'pipeline' option must be specified as an array");
  const cursorOptions = optionalDocument(command.cursor, 'cursor');
  if (!cursorOptions) throw badValue("The 'cursor' option is required");
  const [first, ...rest] = command.pipeline as Document[];
  // Stages may write into nested objects of their input, so the stored documents are cloned
  // first — after a leading $match, to clone only what the pipeline really works on.
  const leadingMatch = first && Object.keys(first).length === 1 && first.$match !== undefined;
  const input = leadingMatch
    ? select(context, name, { filter: optionalDocument(first.$match, '$match') })
    : (context.store.find(context.db, name)?.docs ?? []);
  const stages = leadingMatch ? rest : (command.pipeline as Document[]);
  const results = aggregate(input, stages, { processingMode: ProcessingMode.CLONE_INPUT }) as Document[];
  return context.cursors.first(namespace(context, name), results, optionalNumber(cursorOptions?.batchSize, 'batchSize'));
};

export const readCommands: Record<string, CommandHandler> = {
  find: findCommand,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate: aggregateCommand,
};
