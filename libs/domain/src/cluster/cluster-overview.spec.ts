import { aPrincipal } from '../testing/builders';
import { FakeClock } from '../testing/fakes';
import { MemoryNodeRegistry } from '../testing/cluster-fakes';
import { ClusterOverview } from './cluster-overview';
import type { ClusterNode } from './cluster-node';

const node = (id: string, role: ClusterNode['role'], startedAt: number): ClusterNode => ({
  id, role, host: id, url: `http://${id}:4000`, startedAt: new Date(startedAt), lastSeen: new Date(startedAt + 1), cameras: 0, labels: [], capacity: 1,
});

describe('ClusterOverview', () => {
  it('lists the nodes for admins, api nodes first, this node always in it, and refuses others', async () => {
    const registry = new MemoryNodeRegistry(new FakeClock());
    await registry.announce(node('w-2', 'worker', 2), 60_000);
    await registry.announce(node('w-1', 'worker', 1), 60_000);
    await registry.announce(node('api-1', 'api', 5), 60_000);
    const overview = new ClusterOverview({ registry, self: () => node('api-2', 'api', 3) });
    expect((await overview.nodes(aPrincipal('admin', 'u-a'))).map((n) => n.id)).toEqual(['api-2', 'api-1', 'w-1', 'w-2']);
    await expect(overview.nodes(aPrincipal('operator', 'u-o'))).rejects.toThrow('Only admins see the cluster');
    registry.down = true;
    expect((await overview.nodes(aPrincipal('admin', 'u-a'))).map((n) => n.id)).toEqual(['api-2', 'api-1', 'w-1', 'w-2']);
  });

  it('is this one process when Argus runs alone', async () => {
    const overview = new ClusterOverview({ self: () => node('local', 'all', 1) });
    expect((await overview.nodes(aPrincipal('admin', 'u-a'))).map((n) => n.id)).toEqual(['local']);
  });
});
