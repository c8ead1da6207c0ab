import { Inject, Injectable } from '@nestjs/common';
import { CameraQueries, RemoteCameraStreams } from '@argus/domain';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { LIVE_BACKEND, type LiveBackend } from '../live/live-backend';
import { LiveViewService } from '../live/live-view.service';
import { CLUSTER_NODE } from './cluster.tokens';
import type { NodeIdentity } from './cluster-node';

/** Live view in a cluster: a camera streams when a worker runs it (its live view is forwarded there). */
@Injectable()
export class ClusterLiveViewService extends LiveViewService {
  constructor(
    cameras: CameraQueries,
    @Inject(LIVE_BACKEND) backend: LiveBackend,
    @Inject(ARGUS_CONFIG) config: ArgusConfig,
    private readonly streams: RemoteCameraStreams,
    @Inject(CLUSTER_NODE) private readonly node: NodeIdentity,
  ) {
    super(cameras, backend, config);
  }

  override assertLive(cameraId: string): void {
    const owner = this.streams.ownerOf(cameraId);
    if (owner && owner !== this.node.id) return; // the worker answers 409 itself while it connects
    super.assertLive(cameraId);
  }
}
