import { Logger, type Provider } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  AlertCatchUp,
  AlertRelay,
  MongoCameraFences,
  RedisCommandBus,
  RedisLeaseStore,
  RedisNodeRegistry,
  connectRedis,
  connectRedisSubscriber,
} from '@argus/adapters/cluster';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import {
  CameraRuntime,
  CameraStatusReporter,
  CameraWorker,
  FaceMatcher,
  IdentityCooldown,
  UnknownGrouper,
  FenceBook,
  FencedStatusReporter,
  FencedWrites,
  LeaderElection,
  NodePresence,
  RemoteCameraStreams,
  UnplacedCameras,
  clusterTiming,
  fencedRecordAlert,
  runsCameras,
  type AlertRepository,
  type CameraRepository,
  type FaceRepository,
  type Clock,
  type ClusterTiming,
  type RecordAlert,
  type RuntimeLog,
} from '@argus/domain';
import type { ArgusConfig } from '@argus/config';
import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import { CLOCK } from '../domain.module';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY, FACE_REPOSITORY } from '../persistence/tokens';
import { RecognitionAvailability } from '../people/recognition-availability';
import { NodeTimers } from '../streams/node-timers';
import { StoppingStreams } from '../streams/stopping-streams';
import { CLUSTER_FENCING, CLUSTER_LEADER, CLUSTER_NODE, CLUSTER_PEOPLE, CLUSTER_REDIS } from './cluster.tokens';
import { ClusterIdentityCooldown } from './cluster-identity-cooldown';
import { ClusterPeopleSync, tellIdentityAlert } from './people-sync';
import { ClusterRealtimePublisher } from './cluster-realtime-publisher';
import type { NodeIdentity } from './cluster-node';

const logger = new Logger('Cluster');
export const clusterLog: RuntimeLog & { error(message: string): void } = {
  warn: (m) => logger.warn(m),
  info: (m) => logger.log(m),
  error: (m) => logger.error(m),
};

export interface ClusterRedis {
  commands: Redis;
  subscriber: Redis;
}

/** People across the nodes: the identity cooldown each node builds. */
export interface ClusterPeople {
  cooldown(clock: Clock, windowMs: number): IdentityCooldown;
}

/** How the pipeline of a worker writes: statuses and its alerts pass the fence. */
export interface ClusterFencing {
  status(reporter: CameraStatusReporter): CameraStatusReporter;
  alerts<T extends RecordAlert>(record: T): T;
}

export const CLUSTER_TIMING = Symbol('ClusterTiming');

/** Everything a node of a cluster runs besides what one process runs anyway. */
export function clusterProviders(config: ArgusConfig, redisUrl: string): Provider[] {
  const timers = new NodeTimers();
  const worker = runsCameras(config.cluster.role);
  return [
    { provide: CLUSTER_TIMING, useValue: clusterTiming(config.cluster.leaseMs) },
    {
      provide: CLUSTER_REDIS,
      useFactory: (): ClusterRedis => ({
        commands: connectRedis(redisUrl, { name: 'cluster', log: clusterLog }),
        subscriber: connectRedisSubscriber(redisUrl, { name: 'cluster-sub', log: clusterLog }),
      }),
    },
    { provide: RedisLeaseStore, useFactory: (r: ClusterRedis) => new RedisLeaseStore(r.commands), inject: [CLUSTER_REDIS] },
    { provide: RedisNodeRegistry, useFactory: (r: ClusterRedis) => new RedisNodeRegistry(r.commands), inject: [CLUSTER_REDIS] },
    {
      provide: RedisCommandBus,
      useFactory: (r: ClusterRedis, node: NodeIdentity) => new RedisCommandBus(node.id, r.commands, r.subscriber, clusterLog),
      inject: [CLUSTER_REDIS, CLUSTER_NODE],
    },
    { provide: MongoCameraFences, useFactory: (connection: Connection) => new MongoCameraFences(connection), inject: [getConnectionToken()] },
    { provide: FenceBook, useValue: new FenceBook() },
    { provide: FencedWrites, useFactory: (book: FenceBook, fences: MongoCameraFences) => new FencedWrites(book, fences), inject: [FenceBook, MongoCameraFences] },
    {
      provide: CLUSTER_FENCING,
      useFactory: (writes: FencedWrites, cameras: CameraRepository, publisher: SocketIoRealtimePublisher, clock: Clock): ClusterFencing => ({
        status: () => new FencedStatusReporter({ cameras, publisher, clock }, writes),
        alerts: (record) => fencedRecordAlert(record, writes),
      }),
      inject: [FencedWrites, CAMERA_REPOSITORY, SocketIoRealtimePublisher, CLOCK],
    },
    {
      provide: CLUSTER_LEADER,
      useFactory: (node: NodeIdentity, leases: RedisLeaseStore, timing: ClusterTiming, clock: Clock) =>
        new LeaderElection({ nodeId: node.id, leases, timing, timers, clock, log: clusterLog }),
      inject: [CLUSTER_NODE, RedisLeaseStore, CLUSTER_TIMING, CLOCK],
    },
    {
      provide: NodePresence,
      useFactory: (node: NodeIdentity, registry: RedisNodeRegistry, timing: ClusterTiming, clock: Clock) =>
        new NodePresence({ registry, describe: () => node.describe(), timing, timers, clock, log: clusterLog }),
      inject: [CLUSTER_NODE, RedisNodeRegistry, CLUSTER_TIMING, CLOCK],
    },
    {
      provide: UnplacedCameras,
      useFactory: (cameras: CameraRepository, leases: RedisLeaseStore, registry: RedisNodeRegistry, status: CameraStatusReporter, leader: LeaderElection, timing: ClusterTiming) =>
        new UnplacedCameras({ cameras, leases, registry, status, isLeader: () => leader.isLeader(), timing, timers, log: clusterLog }),
      inject: [CAMERA_REPOSITORY, RedisLeaseStore, RedisNodeRegistry, CameraStatusReporter, CLUSTER_LEADER, CLUSTER_TIMING],
    },
    {
      provide: CameraWorker,
      useFactory: (
        node: NodeIdentity,
        cameras: CameraRepository,
        runtime: CameraRuntime,
        leases: RedisLeaseStore,
        fences: MongoCameraFences,
        registry: RedisNodeRegistry,
        bus: RedisCommandBus,
        book: FenceBook,
        timing: ClusterTiming,
        clock: Clock,
        stopping: StoppingStreams,
      ) => {
        if (!worker) return null;
        const cameraWorker = new CameraWorker({
          node: { id: node.id, labels: node.labels, capacity: node.capacity },
          cameras,
          local: runtime,
          leases,
          fences,
          registry,
          bus,
          book,
          timing,
          timers,
          clock,
          log: clusterLog,
          stopped: () => stopping.settled(),
          runsOn: async (cameraId, nodeId) => void (await cameras.update(cameraId, { node: nodeId })),
        });
        node.cameras = () => cameraWorker.cameraIds.length;
        return cameraWorker;
      },
      inject: [CLUSTER_NODE, CAMERA_REPOSITORY, CameraRuntime, RedisLeaseStore, MongoCameraFences, RedisNodeRegistry, RedisCommandBus, FenceBook, CLUSTER_TIMING, CLOCK, StoppingStreams],
    },
    {
      provide: RemoteCameraStreams,
      useFactory: (
        node: NodeIdentity,
        cameras: CameraRepository,
        status: CameraStatusReporter,
        leases: RedisLeaseStore,
        registry: RedisNodeRegistry,
        bus: RedisCommandBus,
        timing: ClusterTiming,
        local: CameraWorker | null,
      ) => new RemoteCameraStreams({ nodeId: node.id, cameras, status, leases, registry, bus, timing, timers, log: clusterLog, ...(local ? { local } : {}) }),
      inject: [CLUSTER_NODE, CAMERA_REPOSITORY, CameraStatusReporter, RedisLeaseStore, RedisNodeRegistry, RedisCommandBus, CLUSTER_TIMING, CameraWorker],
    },
    {
      provide: AlertRelay,
      useFactory: (node: NodeIdentity, registry: RedisNodeRegistry, publisher: SocketIoRealtimePublisher) => {
        if (!(publisher instanceof ClusterRealtimePublisher)) throw new Error('cluster mode needs the cluster realtime publisher');
        const relay = new AlertRelay({
          nodeId: node.id,
          peers: async () => (await registry.list()).map((n) => n.id).filter((id) => id !== node.id),
          deliver: (relayed) => publisher.deliver(relayed),
          log: clusterLog,
        });
        publisher.useRelay(relay);
        return relay;
      },
      inject: [CLUSTER_NODE, RedisNodeRegistry, SocketIoRealtimePublisher],
    },
    {
      provide: CLUSTER_PEOPLE,
      useFactory: (r: ClusterRedis, node: NodeIdentity): ClusterPeople => ({
        cooldown: (clock, windowMs) => new ClusterIdentityCooldown(clock, windowMs, tellIdentityAlert(r.commands, node.id)),
      }),
      inject: [CLUSTER_REDIS, CLUSTER_NODE],
    },
    {
      provide: ClusterPeopleSync,
      useFactory: (r: ClusterRedis, node: NodeIdentity, matcher: FaceMatcher, grouper: UnknownGrouper, faces: FaceRepository, cooldown: IdentityCooldown, availability: RecognitionAvailability) =>
        new ClusterPeopleSync({
          nodeId: node.id,
          publisher: r.commands,
          subscriber: r.subscriber,
          matcher,
          grouper,
          faces,
          cooldown: cooldown instanceof ClusterIdentityCooldown ? cooldown : null,
          model: () => availability.analyser?.model ?? null,
          log: clusterLog,
        }),
      inject: [CLUSTER_REDIS, CLUSTER_NODE, FaceMatcher, UnknownGrouper, FACE_REPOSITORY, IdentityCooldown, RecognitionAvailability],
    },
    {
      provide: AlertCatchUp,
      useFactory: (alerts: AlertRepository, cameras: CameraRepository, relay: AlertRelay) => new AlertCatchUp({ alerts, cameras, relay, log: clusterLog }),
      inject: [ALERT_REPOSITORY, CAMERA_REPOSITORY, AlertRelay],
    },
  ];
}
