/** The process environment, or a stand-in record in tests. */
export type Env = Record<string, string | undefined>;

/** An integer variable within [min, max]; unset or empty gives the fallback. */
export function intInRange(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

/** A variable with a fixed set of values; unset or empty gives the fallback. */
export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new Error(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
}

/** A number variable within [min, max] (decimals allowed); unset or empty gives the fallback. */
export function numberInRange<T extends number | null>(env: Env, name: string, fallback: T, min: number, max: number): number | T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw) || n < min || n > max) {
    throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}
