import type { Clock } from './clock';

export interface RateLimit {
  /** Sustained requests per second; 0 turns the limit off. */
  perSecond: number;
  /** Requests allowed at once after a quiet spell. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Memory bound against floods from many addresses. */
const MAX_TRACKED_KEYS = 50_000;

/**
 * A token bucket per key (a client address): `burst` requests at once, refilled at `perSecond`.
 * Used where one caller must not swamp a shared resource (alert intake), not for passwords
 * (LoginThrottle counts failures instead).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock, private readonly limit: RateLimit) {}

  /** Takes one request's token: 0 when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    if (this.limit.perSecond <= 0) return 0;
    const bucket = this.bucket(key, this.clock.now().getTime());
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / this.limit.perSecond);
  }

  private bucket(key: string, now: number): Bucket {
    const found = this.buckets.get(key);
    if (found) {
      found.tokens = Math.min(this.limit.burst, found.tokens + ((now - found.at) * this.limit.perSecond) / 1000);
      found.at = now;
      return found;
    }
    // A forgotten bucket only means a full one: the oldest key goes first.
    if (this.buckets.size >= MAX_TRACKED_KEYS) this.buckets.delete(this.buckets.keys().next().value as string);
    const fresh = { tokens: this.limit.burst, at: now };
    this.buckets.set(key, fresh);
    return fresh;
  }
}
