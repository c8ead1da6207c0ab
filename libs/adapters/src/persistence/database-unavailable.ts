/** Names the MongoDB driver and mongoose give errors of an unreachable or lost server. */
const MONGO_UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoServerClosedError',
  'MongoPoolClearedError',
]);

/** SQLite result codes of a database that cannot be written or read right now (not of a bad query). */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)(_|$)/;

/**
 * True for errors that mean "the database is not there or cannot take this now" (server down,
 * connection lost, disk read-only or full, locked), as opposed to a bug or a bad request: the API
 * answers those with 503 and Retry-After instead of 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (typeof name === 'string' && MONGO_UNREACHABLE.has(name)) return true;
  // mongoose queues operations while disconnected and fails them after bufferTimeoutMS.
  if (name === 'MongooseError' && typeof message === 'string' && /buffering timed out/.test(message)) return true;
  return typeof code === 'string' && SQLITE_UNAVAILABLE.test(code);
}
