import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { RedisNodeRegistry } from '@argus/adapters/cluster';
import { CameraRuntime, ClusterOverview, RemoteCameraStreams } from '@argus/domain';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { ClusterController } from './cluster.controller';
import { ClusterLifecycle } from './cluster-lifecycle';
import { NodeIdentity } from './cluster-node';
import { clusterProviders, CLUSTER_TIMING } from './cluster.providers';
import { CAMERA_STREAMS, CLUSTER_FENCING, CLUSTER_LEADER, CLUSTER_NODE, CLUSTER_PEOPLE } from './cluster.tokens';

/**
 * One process (no REDIS_URL): the camera use cases drive the local CameraRuntime, and the cluster
 * view shows this process. Cluster mode: RemoteCameraStreams drives the workers through Redis,
 * and this node announces itself, takes part in leader election and, unless it is an api node,
 * runs the cameras it holds the lease of.
 */
@Global()
@Module({})
export class ClusterModule {
  static forConfig(config: ArgusConfig): DynamicModule {
    const redisUrl = config.cluster.redisUrl;
    const node: Provider = {
      provide: CLUSTER_NODE,
      // No dependencies: the people indexes' sync needs it before the camera runtime exists.
      useFactory: () => new NodeIdentity(config),
    };
    const overview: Provider = {
      provide: ClusterOverview,
      useFactory: (identity: NodeIdentity, runtime: CameraRuntime, registry?: RedisNodeRegistry) => {
        // In a cluster, the worker counts its cameras (cluster.providers).
        if (!redisUrl) identity.cameras = () => runtime.activeCameraIds().length;
        return new ClusterOverview({ self: () => identity.now(), ...(registry ? { registry } : {}) });
      },
      inject: [CLUSTER_NODE, CameraRuntime, ...(redisUrl ? [RedisNodeRegistry] : [])],
    };
    const providers: Provider[] = redisUrl
      ? [...clusterProviders(config, redisUrl), node, overview, ClusterLifecycle, { provide: CAMERA_STREAMS, useExisting: RemoteCameraStreams }]
      : [
          node,
          overview,
          { provide: CAMERA_STREAMS, useExisting: CameraRuntime },
          { provide: CLUSTER_FENCING, useValue: null },
          { provide: CLUSTER_LEADER, useValue: null },
          { provide: CLUSTER_PEOPLE, useValue: null },
        ];
    return {
      module: ClusterModule,
      controllers: [ClusterController],
      providers: [{ provide: 'ClusterConfig', useExisting: ARGUS_CONFIG }, ...providers],
      exports: [CAMERA_STREAMS, CLUSTER_NODE, CLUSTER_FENCING, CLUSTER_LEADER, CLUSTER_PEOPLE, ClusterOverview, ...(redisUrl ? [RemoteCameraStreams, RedisNodeRegistry, CLUSTER_TIMING] : [])],
    };
  }
}
