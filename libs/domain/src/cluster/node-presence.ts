import type { Clock } from '../shared/clock';
import type { RuntimeLog } from '../streams/camera-runtime-deps';
import type { Timers } from '../streams/timers';
import type { ClusterNode } from './cluster-node';
import type { ClusterTiming } from './cluster-timing';
import type { NodeRegistry } from './node-registry';
import { Repeating } from './repeating';

export interface NodePresenceDeps {
  registry: NodeRegistry;
  /** The node as it is now (its camera count changes). */
  describe: () => Omit<ClusterNode, 'lastSeen'>;
  timing: ClusterTiming;
  timers: Timers;
  clock: Clock;
  log: RuntimeLog;
}

/** Announces this node every heartbeat while it runs, and withdraws it at shutdown. */
export class NodePresence {
  private readonly loop: Repeating;
  private failing = false;

  constructor(private readonly deps: NodePresenceDeps) {
    this.loop = new Repeating(deps.timers, deps.timing.heartbeatMs, () => this.announce(), () => undefined);
  }

  start(): void {
    this.loop.start();
  }

  /** Announces now (the registry is reachable again, or the camera count changed). */
  announceSoon(): void {
    this.loop.now();
  }

  async stop(): Promise<void> {
    this.loop.stop();
    await this.loop.settled();
    await this.deps.registry.remove(this.deps.describe().id).catch(() => undefined);
  }

  private async announce(): Promise<void> {
    try {
      await this.deps.registry.announce({ ...this.deps.describe(), lastSeen: this.deps.clock.now() }, this.deps.timing.nodeTtlMs);
      if (this.failing) this.deps.log.info('cluster: this node is announced again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.deps.log.warn(`cluster: this node cannot be announced: ${String(error)}`);
      this.failing = true;
    }
  }
}
