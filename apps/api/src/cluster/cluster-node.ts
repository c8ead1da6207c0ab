import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { runsCameras, type ClusterNode } from '@argus/domain';
import type { ArgusConfig } from '@argus/config';

/** This process as the cluster sees it; `cameras` is read when it is described. */
export class NodeIdentity {
  readonly id: string;
  readonly startedAt = new Date();

  /** How many cameras run here (the worker tells, once it is built). */
  cameras: () => number = () => 0;

  constructor(private readonly config: ArgusConfig) {
    // A new id per start: a restarted node is a new holder for the fencing tokens.
    this.id = config.cluster.redisUrl ? `${hostname()}-${randomBytes(3).toString('hex')}` : hostname();
  }

  get labels(): string[] {
    return this.config.cluster.workerLabels;
  }

  /** Detection threads of a node that runs cameras; 0 for an api node. */
  get capacity(): number {
    return runsCameras(this.config.cluster.role) ? this.config.detectionThreads : 0;
  }

  describe(): Omit<ClusterNode, 'lastSeen'> {
    const { cluster } = this.config;
    return {
      id: this.id,
      role: cluster.role,
      host: cluster.publicHost ?? hostname(),
      url: cluster.nodeUrl,
      startedAt: this.startedAt,
      cameras: this.cameras(),
      labels: [...cluster.workerLabels],
      capacity: this.capacity,
    };
  }

  now(): ClusterNode {
    return { ...this.describe(), lastSeen: new Date() };
  }
}
