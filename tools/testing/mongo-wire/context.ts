import type { Document } from 'bson';
import type { CursorRegistry } from './cursors';
import type { WireStore } from './store';
import { badValue } from './errors';

/** What a command handler may use: the data, the open cursors, and the database named in `$db`. */
export interface CommandContext {
  store: WireStore;
  cursors: CursorRegistry;
  db: string;
  connectionId: number;
}

export type CommandHandler = (context: CommandContext, command: Document) => Document;

/** The collection name a command addresses (its first field's value). */
export function collectionName(command: Document, field: string): string {
  const name = command[field];
  if (typeof name !== 'string' || name === '') throw badValue(`${field} must name a collection`);
  return name;
}

export function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badValue(`${field} must be a number`);
  return Math.trunc(value);
}

export function optionalDocument(value: unknown, field: string): Document | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badValue(`${field} must be an object`);
  return value as Document;
}
