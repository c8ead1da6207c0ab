import type { Clock } from '../shared/clock';
import type { RuntimeLog } from '../streams/camera-runtime-deps';
import type { Timers } from '../streams/timers';
import { LEADER_LEASE, type ClusterTiming } from './cluster-timing';
import type { LeaseStore } from './lease-store';
import { Repeating } from './repeating';

export interface LeaderElectionDeps {
  nodeId: string;
  leases: LeaseStore;
  timing: ClusterTiming;
  timers: Timers;
  clock: Clock;
  log: RuntimeLog;
}

/**
 * One node of the cluster leads, by holding the leader lease: it dispatches notifications (so each
 * goes out once) and marks cameras no worker can run. A leader that cannot renew for a whole lease
 * steps down; any node takes the lease when it is free.
 */
export class LeaderElection {
  private leader = false;
  private confirmedAt = 0;
  private readonly loop: Repeating;

  constructor(private readonly deps: LeaderElectionDeps) {
    this.loop = new Repeating(deps.timers, deps.timing.renewMs, () => this.tick(), () => undefined);
  }

  isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.loop.stop();
    await this.loop.settled();
    if (this.leader) await this.deps.leases.release([LEADER_LEASE], this.deps.nodeId).catch(() => undefined);
    this.set(false);
  }

  async tick(): Promise<void> {
    const { leases, nodeId, timing, clock } = this.deps;
    const now = clock.now().getTime();
    try {
      const holds = this.leader
        ? (await leases.renew([LEADER_LEASE], nodeId, timing.leaseMs))[0]
        : await leases.acquire(LEADER_LEASE, nodeId, timing.leaseMs);
      if (holds) this.confirmedAt = now;
      this.set(holds === true);
    } catch {
      if (this.leader && now - this.confirmedAt >= timing.leaseMs) this.set(false);
    }
  }

  private set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.deps.log.info(leader ? 'cluster: this node leads (notifications, unplaced cameras)' : 'cluster: this node no longer leads');
  }
}
