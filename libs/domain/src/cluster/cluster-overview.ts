import { ForbiddenError } from '../shared/errors';
import type { Principal } from '../users/user';
import { sortNodes, type ClusterNode } from './cluster-node';
import type { NodeRegistry } from './node-registry';

export interface ClusterOverviewDeps {
  /** The nodes of the cluster; absent when Argus is one process. */
  registry?: Pick<NodeRegistry, 'list'>;
  /** This node, as it is now. */
  self: () => ClusterNode;
}

/**
 * `GET /api/cluster` (admins): the nodes that announced themselves lately. While Redis cannot be
 * asked, the last list seen (this node always in it) with each node's last time seen.
 */
export class ClusterOverview {
  private last: ClusterNode[] = [];

  constructor(private readonly deps: ClusterOverviewDeps) {}

  async nodes(principal: Principal): Promise<ClusterNode[]> {
    if (principal.role !== 'admin') throw new ForbiddenError('Only admins see the cluster');
    const self = this.deps.self();
    if (this.deps.registry) {
      try {
        this.last = await this.deps.registry.list();
      } catch {
        // Redis away: the last list seen
      }
    }
    return sortNodes([self, ...this.last.filter((n) => n.id !== self.id)]);
  }
}
