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
  /** Since when the lease store cannot be reached (ms), or null. */
  private awaySince: number | null = null;
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

  /**
   * A call to the lease store, noting when it comes back after an outage long enough for leases
   * to have lapsed meanwhile (a holder renews every `renewMs`; this node may have noticed the
   * outage up to a reconcile late). A shorter hiccup (a slow answer) lets nothing lapse.
   */
  async call<T>(work: () => Promise<T>): Promise<T> {
    const now = () => this.clock.now().getTime();
    try {
      const result = await work();
      const { leaseMs, renewMs, reconcileMs, quietMs } = this.timing;
      if (this.awaySince !== null && now() - this.awaySince >= leaseMs - renewMs - reconcileMs) this.quietUntil = now() + quietMs;
      this.awaySince = null;
      return result;
    } catch (error) {
      this.awaySince ??= now();
      throw error;
    }
  }
}
