import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AlertCatchUp, AlertRelay, RedisCommandBus, redisReady } from '@argus/adapters/cluster';
import { CameraWorker, LeaderElection, NodePresence, RemoteCameraStreams, UnplacedCameras } from '@argus/domain';
import { CLUSTER_LEADER, CLUSTER_NODE, CLUSTER_REDIS } from './cluster.tokens';
import type { NodeIdentity } from './cluster-node';
import { ClusterPeopleSync } from './people-sync';
import { clusterLog, type ClusterRedis } from './cluster.providers';

/**
 * Starts this node's part in the cluster once the app is up (announcing itself, leader election,
 * its worker), and at shutdown withdraws it and hands its cameras over before the streams stop.
 */
@Injectable()
export class ClusterLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(CLUSTER_REDIS) private readonly redis: ClusterRedis,
    private readonly bus: RedisCommandBus,
    private readonly presence: NodePresence,
    @Inject(CLUSTER_LEADER) private readonly leader: LeaderElection,
    private readonly unplaced: UnplacedCameras,
    private readonly streams: RemoteCameraStreams,
    private readonly relay: AlertRelay,
    private readonly catchUp: AlertCatchUp,
    private readonly people: ClusterPeopleSync,
    @Inject(CameraWorker) private readonly worker: CameraWorker | null,
    @Inject(CLUSTER_NODE) private readonly node: NodeIdentity,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const worker = this.worker;
    if (worker) this.bus.handle((command) => worker.handle(command));
    this.bus.onAnnouncement((change) => {
      if (change.owner === null) worker?.reconcileSoon();
    });
    // Redis back after an outage: leases are renewed and the node announced at once.
    this.redis.commands.on('ready', () => {
      worker?.renewSoon();
      this.presence.announceSoon();
    });
    if (!(await redisReady(this.redis.commands, 10_000))) clusterLog.warn('Redis cannot be reached yet: this node joins the cluster once it can');
    void this.bus.open().catch((e: unknown) => clusterLog.warn(`cluster: commands not subscribed: ${String(e)}`));
    this.presence.start();
    this.leader.start();
    this.streams.open();
    this.unplaced.start();
    this.catchUp.start();
    this.people.open();
    worker?.start();
    clusterLog.info(`cluster: node ${this.node.id} (${this.node.describe().role}) takes part${worker ? ', running cameras' : ''}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.catchUp.stop();
    this.people.close();
    this.unplaced.stop();
    this.streams.close();
    await this.presence.stop();
    await this.worker?.handOver();
    await this.leader.stop();
  }

  onApplicationShutdown(): void {
    this.relay.close();
    this.bus.close();
    this.redis.commands.disconnect();
    this.redis.subscriber.disconnect();
  }
}
