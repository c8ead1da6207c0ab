/** Tries of one webhook delivery before it is given up: the first and five retries. */
export const WEBHOOK_MAX_ATTEMPTS = 6;
/** The first retry's wait; each next one doubles (10, 20, 40, 80, 160 s: the last try 5 min 10 s after the first). */
export const WEBHOOK_FIRST_RETRY_MS = 10_000;
/** Attempts kept per webhook in its delivery log. */
export const WEBHOOK_LOG_SIZE = 50;
/** How long a receiver may take to answer. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** A claimed job whose node died mid-send is tried again after this. */
export const WEBHOOK_CLAIM_MS = 60_000;

/** The wait before the next try after `attempts` failed tries; null when the delivery is given up. */
export function webhookRetryDelay(attempts: number): number | null {
  if (attempts >= WEBHOOK_MAX_ATTEMPTS) return null;
  return WEBHOOK_FIRST_RETRY_MS * 2 ** (attempts - 1);
}
