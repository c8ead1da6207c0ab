import type { Clock } from '../shared/clock';
import type { ClusterTiming } from './cluster-timing';
import type { LeaseStore } from './lease-store';

/**
 * Whether a worker may take new cameras now. Not while the lease store is young (it lost its
 * leases: restarted empty) nor for a lease after it could not be reached (leases lapsed
 * meanwhile): in both cases the workers still running cameras renew theirs first, so that no
 * camera is started a second time.
 */
export class ClaimGate {
  private away = false;
  private quietUntil = 0;

  constructor(
    private readonly leases: LeaseStore,
    private readonly timing: ClusterTiming,
    private readonly clock: Clock,
  ) {}

  async open(): Promise<boolean> {
    const age = await this.call(() => this.leases.age());
    return age >= this.timing.quietMs && this.clock.now().getTime() >= this.quietUntil;
  }

  /** A call to the lease store, noting when it comes back after an outage. */
  async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      if (this.away) this.quietUntil = this.clock.now().getTime() + this.timing.quietMs;
      this.away = false;
      return result;
    } catch (error) {
      this.away = true;
      throw error;
    }
  }
}
