import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import {
  AlertQueries,
  AuthenticateUser,
  CameraQueries,
  CameraRun,
  CameraSettings,
  CameraStatusReporter,
  CreateCamera,
  DeleteCamera,
  LoginThrottle,
  ManageUsers,
  RecordAlert,
  Recorder,
  UpdateCamera,
  canViewCamera,
  toAlertView,
  type AlertRepository,
  type CameraDeps,
  type CameraRepository,
  type Clock,
  type IdGenerator,
  type PasswordHasher,
  type UserRepository,
} from '@argus/domain';
import { ScryptPasswordHasher, SnapshotLinks, SocketIoRealtimePublisher, SystemClock, UuidGenerator } from '@argus/adapters';
import type { ArgusConfig } from '@argus/config';
import { ArgusMetrics } from './metrics/argus-metrics';
import { CountedRecordAlert } from './metrics/counted-record-alert';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY, USER_REPOSITORY } from './persistence/tokens';
import { SNAPSHOT_STORE } from './snapshots/snapshot-store.token';
import { snapshotLinksProvider } from './snapshots/snapshot-links.provider';
import { peopleProviders } from './people/people.providers';
import { FACE_IMAGE_STORE } from './people/people.tokens';
import { NOTIFICATION_HUB, type NotificationHub } from './notifications/notification-hub';
import { NotifyingRealtimePublisher } from './notifications/notifying-realtime-publisher';
import { ClusterRealtimePublisher } from './cluster/cluster-realtime-publisher';
import { CAMERA_STREAMS } from './cluster/cluster.tokens';

export const CLOCK = Symbol('Clock');
export const ID_GENERATOR = Symbol('IdGenerator');
export const PASSWORD_HASHER = Symbol('PasswordHasher');
export const CAMERA_DEPS = Symbol('CameraDeps');

const useCase = <T>(token: new (...args: never[]) => T, factory: (...deps: never[]) => T, inject: unknown[]): Provider => ({
  provide: token,
  useFactory: factory,
  inject: inject as never[],
});

/** Wires the domain's use cases to the adapters. No business rules here. */
@Global()
@Module({})
export class DomainModule {
  static forConfig(config: ArgusConfig): DynamicModule {
    const providers: Provider[] = [
      { provide: CLOCK, useClass: SystemClock },
      { provide: ID_GENERATOR, useClass: UuidGenerator },
      { provide: PASSWORD_HASHER, useClass: ScryptPasswordHasher },
      snapshotLinksProvider,
      {
        provide: SocketIoRealtimePublisher,
        // Also hands every alert and camera state to notifications (webhooks, Web Push, MQTT); in a
        // cluster, alerts go to every node through the relay (ClusterModule).
        useFactory: (cameras: CameraRepository, links: SnapshotLinks, hub: NotificationHub) =>
          new (config.cluster.redisUrl ? ClusterRealtimePublisher : NotifyingRealtimePublisher)(
            hub,
            async (principal, cameraId) => {
              const camera = await cameras.findById(cameraId);
              return !!camera && canViewCamera(principal, camera);
            },
            (alert, principal) => toAlertView(alert, (key) => links.urlFor(key, principal.userId)),
          ),
        inject: [CAMERA_REPOSITORY, SnapshotLinks, NOTIFICATION_HUB],
      },
      {
        provide: CAMERA_DEPS,
        useFactory: (cameras, users, alerts, publisher, clock, ids, streams, snapshots, crops, recordings): CameraDeps => ({
          cameras, users, alerts, publisher, clock, ids, streams, snapshots, crops, recordings, defaultFps: config.defaultFps,
        }),
        // The running side (CameraRuntime) is built first, from the use cases below that do not need it.
        inject: [CAMERA_REPOSITORY, USER_REPOSITORY, ALERT_REPOSITORY, SocketIoRealtimePublisher, CLOCK, ID_GENERATOR, CAMERA_STREAMS, SNAPSHOT_STORE, FACE_IMAGE_STORE, Recorder],
      },
      useCase(AuthenticateUser, (users: UserRepository, hasher: PasswordHasher) => new AuthenticateUser({ users, hasher }), [USER_REPOSITORY, PASSWORD_HASHER]),
      useCase(LoginThrottle, (c: Clock) => new LoginThrottle(c), [CLOCK]),
      useCase(
        ManageUsers,
        (users: UserRepository, cameras: CameraRepository, hasher: PasswordHasher, ids: IdGenerator, clock: Clock) =>
          new ManageUsers({ users, cameras, hasher, ids, clock }),
        [USER_REPOSITORY, CAMERA_REPOSITORY, PASSWORD_HASHER, ID_GENERATOR, CLOCK],
      ),
      useCase(CreateCamera, (d: CameraDeps) => new CreateCamera(d), [CAMERA_DEPS]),
      useCase(UpdateCamera, (d: CameraDeps) => new UpdateCamera(d), [CAMERA_DEPS]),
      useCase(DeleteCamera, (d: CameraDeps) => new DeleteCamera(d), [CAMERA_DEPS]),
      useCase(CameraSettings, (d: CameraDeps) => new CameraSettings(d), [CAMERA_DEPS]),
      useCase(CameraRun, (d: CameraDeps) => new CameraRun(d), [CAMERA_DEPS]),
      useCase(CameraQueries, (cameras: CameraRepository) => new CameraQueries({ cameras }), [CAMERA_REPOSITORY]),
      useCase(AlertQueries, (cameras: CameraRepository, alerts: AlertRepository) => new AlertQueries({ cameras, alerts }), [CAMERA_REPOSITORY, ALERT_REPOSITORY]),
      // What the running side reports through: neither needs the running side itself.
      useCase(
        CameraStatusReporter,
        (cameras: CameraRepository, publisher: SocketIoRealtimePublisher, clock: Clock) => new CameraStatusReporter({ cameras, publisher, clock }),
        [CAMERA_REPOSITORY, SocketIoRealtimePublisher, CLOCK],
      ),
      useCase(
        RecordAlert,
        (cameras: CameraRepository, alerts: AlertRepository, publisher: SocketIoRealtimePublisher, ids: IdGenerator, clock: Clock, metrics: ArgusMetrics, clips: Recorder) =>
          new CountedRecordAlert({ cameras, alerts, publisher, ids, clock, alertsCreated: metrics.alertsCreated, clips }),
        [CAMERA_REPOSITORY, ALERT_REPOSITORY, SocketIoRealtimePublisher, ID_GENERATOR, CLOCK, ArgusMetrics, Recorder],
      ),
      ...peopleProviders(config, { clock: CLOCK, ids: ID_GENERATOR }),
    ];
    return { module: DomainModule, providers, exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)) };
  }
}
