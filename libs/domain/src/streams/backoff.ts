export interface BackoffPolicy {
  /** First delay. */
  baseMs: number;
  /** Ceiling for the doubling. */
  maxMs: number;
  /** ± fraction of random spread, so many cameras behind one failed switch don't retry in step. */
  jitter: number;
  /** A stream that ran this long counts as healthy: the next failure starts again at baseMs. */
  healthyAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, jitter: 0.2, healthyAfterMs: 60_000 };

/** Delay before reconnect attempt `attempt` (0-based): 1, 2, 4 … 60 s, each with jitter. */
export function reconnectDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const spread = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.round(Math.min(policy.maxMs, raw * spread));
}
