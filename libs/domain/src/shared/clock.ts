/** Time as a port, so policies with cooldowns, backoff and expiry are tested without sleeping. */
export interface Clock {
  now(): Date;
}
