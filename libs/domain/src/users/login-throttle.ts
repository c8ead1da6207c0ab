import type { Clock } from '../shared/clock';

export interface LoginThrottleOptions {
  /** Failures allowed per username inside the window before further attempts are refused. */
  maxFailuresPerUsername: number;
  /** Failures allowed per client address inside the window. */
  maxFailuresPerAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  maxFailuresPerUsername: 5,
  maxFailuresPerAddress: 20,
  windowMs: 15 * 60_000,
};

/** Memory bound against floods of random usernames or addresses. */
const MAX_TRACKED_KEYS = 50_000;

interface Bucket {
  failures: number[];
}

/**
 * Counts failed logins per username and per client address in a sliding window, so guessing
 * passwords is refused (429) whether it targets one account from many places or many from one.
 */
export class LoginThrottle {
  private readonly byUsername = new Map<string, Bucket>();
  private readonly byAddress = new Map<string, Bucket>();
  private readonly keep: number;

  constructor(private readonly clock: Clock, private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {
    this.keep = Math.max(options.maxFailuresPerUsername, options.maxFailuresPerAddress);
  }

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(username: string, address: string): number {
    const now = this.clock.now().getTime();
    return Math.max(
      this.wait(this.byUsername, username.toLowerCase(), this.options.maxFailuresPerUsername, now),
      this.wait(this.byAddress, address, this.options.maxFailuresPerAddress, now),
    );
  }

  recordFailure(username: string, address: string): void {
    const now = this.clock.now().getTime();
    this.push(this.byUsername, username.toLowerCase(), now);
    this.push(this.byAddress, address, now);
  }

  /** A successful login clears the account's failures (not the address's). */
  recordSuccess(username: string): void {
    this.byUsername.delete(username.toLowerCase());
  }

  private wait(map: Map<string, Bucket>, key: string, max: number, now: number): number {
    const bucket = map.get(key);
    if (!bucket) return 0;
    this.prune(bucket, now);
    if (bucket.failures.length === 0) {
      map.delete(key);
      return 0;
    }
    if (bucket.failures.length < max) return 0;
    return bucket.failures[bucket.failures.length - max] + this.options.windowMs - now;
  }

  private push(map: Map<string, Bucket>, key: string, now: number): void {
    if (map.size >= MAX_TRACKED_KEYS) this.sweep(map, now);
    const bucket = map.get(key) ?? { failures: [] };
    this.prune(bucket, now);
    bucket.failures.push(now);
    // Older failures beyond the largest limit change nothing: keep each list bounded.
    if (bucket.failures.length > this.keep) bucket.failures.shift();
    map.set(key, bucket);
  }

  /** Drops buckets whose failures all left the window; if still full, the oldest-touched ones. */
  private sweep(map: Map<string, Bucket>, now: number): void {
    for (const [key, bucket] of map) {
      this.prune(bucket, now);
      if (bucket.failures.length === 0) map.delete(key);
    }
    for (const key of map.keys()) {
      if (map.size < MAX_TRACKED_KEYS) break;
      map.delete(key);
    }
  }

  private prune(bucket: Bucket, now: number): void {
    const since = now - this.options.windowMs;
    while (bucket.failures.length > 0 && bucket.failures[0] <= since) bucket.failures.shift();
  }
}
