/**
 * Command dispatch of the MongoDB test double (see README.md): one handler per command name,
 * failures answered as `{ ok: 0, errmsg, code, codeName }`. A test double, not a database.
 */
import type { Document } from 'bson';
import { adminCommands } from './admin-commands';
import type { CommandContext, CommandHandler } from './context';
import { CommandError } from './errors';
import { indexCommands } from './index-commands';
import { readCommands } from './read-commands';
import { writeCommands } from './write-commands';

const HANDLERS: Record<string, CommandHandler> = { ...adminCommands, ...readCommands, ...writeCommands, ...indexCommands };

/** Commands the double understands (for the README and tests). */
export const SUPPORTED_COMMANDS = Object.keys(HANDLERS);

export type Session = Omit<CommandContext, 'db'>;

export function runCommand(session: Session, command: Document): Document {
  const name = Object.keys(command)[0];
  const handler = name !== undefined && Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (!handler) return new CommandError(59, 'CommandNotFound', `no such command: '${name}'`).toReply();
  if (command.txnNumber !== undefined || command.startTransaction !== undefined) {
    // What a standalone server says: transactions and retryable writes need a replica set.
    return new CommandError(20, 'IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos').toReply();
  }
  const db = typeof command.$db === 'string' ? command.$db : 'admin';
  try {
    return handler({ ...session, db }, command);
  } catch (error) {
    if (error instanceof CommandError) return error.toReply();
    // mingo rejects unknown operators and malformed expressions with plain errors.
    const message = error instanceof Error ? error.message : String(error);
    return new CommandError(2, 'BadValue', message).toReply();
  }
}
