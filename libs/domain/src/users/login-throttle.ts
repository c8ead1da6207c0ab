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

  constructor(private readonly clock: Clock, private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {}

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
    const bucket = map.get(key) ?? { failures: [] };
    this.prune(bucket, now);
    bucket.failures.push(now);
    map.set(key, bucket);
  }

  private prune(bucket: Bucket, now: number): void {
    const since = now - this.options.windowMs;
    while (bucket.failures.length > 0 && bucket.failures[0] <= since) bucket.failures.shift();
  }
}
