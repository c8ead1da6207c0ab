import type { ClusterNode, NodeRegistry } from '@argus/domain';
import type { Redis } from 'ioredis';

const PREFIX = 'argus:node:';

interface StoredNode extends Omit<ClusterNode, 'startedAt' | 'lastSeen'> {
  startedAt: string;
  lastSeen: string;
}

/** Each node is a key of its own (JSON) that expires unless the node announces itself again. */
export class RedisNodeRegistry implements NodeRegistry {
  constructor(private readonly redis: Redis) {}

  async announce(node: ClusterNode, ttlMs: number): Promise<void> {
    const stored: StoredNode = { ...node, startedAt: node.startedAt.toISOString(), lastSeen: node.lastSeen.toISOString() };
    await this.redis.set(PREFIX + node.id, JSON.stringify(stored), 'PX', ttlMs);
  }

  async list(): Promise<ClusterNode[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 200);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys);
    return values.flatMap((value) => {
      if (!value) return [];
      const stored = JSON.parse(value) as StoredNode;
      return [{ ...stored, startedAt: new Date(stored.startedAt), lastSeen: new Date(stored.lastSeen) }];
    });
  }

  async remove(nodeId: string): Promise<void> {
    await this.redis.del(PREFIX + nodeId);
  }
}
