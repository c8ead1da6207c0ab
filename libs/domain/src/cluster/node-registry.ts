import type { ClusterNode } from './cluster-node';

/** The nodes that announced themselves lately (Redis in production). */
export interface NodeRegistry {
  /** Records the node; it is gone after `ttlMs` without another announcement. */
  announce(node: ClusterNode, ttlMs: number): Promise<void>;
  list(): Promise<ClusterNode[]>;
  remove(nodeId: string): Promise<void>;
}
