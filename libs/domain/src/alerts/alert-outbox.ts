import type { Alert } from './alert';

/**
 * Durable, ordered keeping of alerts the database could not take yet (it is down or too slow).
 * An adapter keeps them where a crash or restart cannot lose them (a directory on disk).
 */
export interface AlertOutbox {
  /** Resolves once the alert is durable; `pending` lists alerts in the order `append` was called. */
  append(alert: Alert): Promise<void>;
  /** Every alert kept, oldest append first. */
  pending(): Promise<Alert[]>;
  /** Forgets an alert the database now holds; nothing happens when it is not kept. */
  remove(alertId: string): Promise<void>;
}
