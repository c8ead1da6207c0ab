/** insert, update, delete, findAndModify; unique indexes answer E11000 like the server. */
import { ObjectId, type Document } from 'bson';
import { find } from 'mingo';
import type { WireCollection } from './collection';
import { collectionName, optionalDocument, type CommandContext, type CommandHandler } from './context';
import { CommandError, badValue } from './errors';
import { select } from './read-commands';
import { cloneDocument, sameDocument, updatedDocument, upsertSeed } from './updates';

interface WriteOutcome {
  n: number;
  nModified?: number;
  upserted?: Document[];
  writeErrors: Document[];
}

/** Runs each statement in turn; write errors are collected, and stop an ordered batch. */
function eachStatement(command: Document, field: string, run: (statement: Document, index: number, outcome: WriteOutcome) => void): Document {
  const statements = command[field];
  if (!Array.isArray(statements)) throw badValue(`${field} must be an array`);
  const outcome: WriteOutcome = { n: 0, writeErrors: [] };
  for (const [index, statement] of statements.entries()) {
    try {
      run(statement, index, outcome);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      outcome.writeErrors.push({ index, code: error.code, codeName: error.codeName, errmsg: error.message, ...error.extra });
      if (command.ordered !== false) break;
    }
  }
  const { writeErrors, upserted, ...counts } = outcome;
  return { ...counts, ...(upserted?.length ? { upserted } : {}), ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
}

const insert: CommandHandler = (context, command) => {
  const { collection } = context.store.obtain(context.db, collectionName(command, 'insert'));
  return eachStatement(command, 'documents', (doc, _index, outcome) => {
    collection.insert(cloneDocument(doc));
    outcome.n++;
  });
};

const update: CommandHandler = (context, command) => {
  const name = collectionName(command, 'update');
  return eachStatement(command, 'updates', (statement, index, outcome) => {
    const query = optionalDocument(statement.q, 'q') ?? {};
    const spec = { update: statement.u, arrayFilters: statement.arrayFilters };
    const targets = select(context, name, { filter: query, limit: statement.multi === true ? 0 : 1 });
    outcome.nModified ??= 0;
    if (targets.length === 0 && statement.upsert === true) {
      const created = upsert(context, name, query, spec);
      outcome.n++;
      (outcome.upserted ??= []).push({ index, _id: created._id });
      return;
    }
    const { collection } = context.store.obtain(context.db, name);
    for (const current of targets) {
      const next = updatedDocument(current, spec);
      outcome.n++;
      if (sameDocument(current, next)) continue;
      collection.replace(current, next);
      outcome.nModified++;
    }
  });
};

function upsert(context: CommandContext, name: string, query: Document, spec: { update: Document | Document[]; arrayFilters?: Document[] }): Document {
  const seed = upsertSeed(query);
  const created = updatedDocument(seed._id === undefined ? { _id: new ObjectId(), ...seed } : seed, spec, true);
  return context.store.obtain(context.db, name).collection.insert(created);
}

const deleteCommand: CommandHandler = (context, command) => {
  const name = collectionName(command, 'delete');
  return eachStatement(command, 'deletes', (statement, _index, outcome) => {
    const collection = context.store.find(context.db, name);
    if (!collection) return;
    const victims = select(context, name, { filter: optionalDocument(statement.q, 'q') ?? {}, limit: statement.limit === 1 ? 1 : 0 });
    outcome.n += collection.removeAll(victims);
  });
};

const findAndModify: CommandHandler = (context, command) => {
  const name = collectionName(command, 'findAndModify' in command ? 'findAndModify' : 'findandmodify');
  const query = optionalDocument(command.query, 'query') ?? {};
  const [current] = select(context, name, { filter: query, sort: optionalDocument(command.sort, 'sort'), limit: 1 });
  const fields = optionalDocument(command.fields, 'fields');
  const shown = (doc: Document | undefined) => (doc ? project(doc, fields) : null);
  if (command.remove === true) {
    if (current) context.store.find(context.db, name)?.removeAll([current]);
    return { lastErrorObject: { n: current ? 1 : 0 }, value: shown(current), ok: 1 };
  }
  if (command.update === undefined) throw badValue('Either an update or remove=true must be specified');
  const spec = { update: command.update, arrayFilters: command.arrayFilters };
  if (!current) {
    if (command.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const created = upsert(context, name, query, spec);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id }, value: command.new === true ? shown(created) : null, ok: 1 };
  }
  const next = updatedDocument(current, spec);
  if (!sameDocument(current, next)) (context.store.find(context.db, name) as WireCollection).replace(current, next);
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: shown(command.new === true ? next : current), ok: 1 };
};

function project(doc: Document, fields: Document | undefined): Document {
  if (!fields || Object.keys(fields).length === 0) return doc;
  return find([doc], {}, fields).all()[0] as Document;
}

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: deleteCommand,
  findAndModify,
  findandmodify: findAndModify,
};
