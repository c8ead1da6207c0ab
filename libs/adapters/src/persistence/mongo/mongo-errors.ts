const DUPLICATE_KEY = 11000;

/** A unique index refused the write: a command error or a write error inside a batch. */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { code?: unknown; writeErrors?: Array<{ code?: unknown }> } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === DUPLICATE_KEY) return true;
  return Array.isArray(e.writeErrors) && e.writeErrors.some((w) => w?.code === DUPLICATE_KEY);
}
