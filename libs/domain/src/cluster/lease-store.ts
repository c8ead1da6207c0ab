/**
 * Named leases with an owner and a time to live, shared by every node (Redis in production).
 * Camera ownership and the cluster leader are leases.
 */
export interface LeaseStore {
  /** Takes the lease when nobody holds it; false when someone does. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /**
   * Extends each lease the owner holds, and takes back one that lapsed with nobody else taking it
   * (a store restarted empty): false for each one someone else holds now.
   */
  renew(names: readonly string[], owner: string, ttlMs: number): Promise<boolean[]>;
  /** Gives up the leases the owner holds; others' are left alone. */
  release(names: readonly string[], owner: string): Promise<void>;
  /** Who holds each lease now (null: nobody). */
  holders(names: readonly string[]): Promise<Array<string | null>>;
  /** How long the store has kept its leases, in ms: 0 again after it lost them (restarted empty). */
  age(): Promise<number>;
}
