import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AlertsController } from './alerts/alerts.controller';
import { AuthModule } from './auth/auth.module';
import { ClusterModule } from './cluster/cluster.module';
import { CamerasController } from './cameras/cameras.controller';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { ARGUS_CONFIG, ARGUS_SECRETS, type ArgusConfig, type ArgusSecrets } from '@argus/config';
import type { FaceAnalyser } from '@argus/domain';
import type { DetectionPool } from '@argus/detection';
import { DetectionController } from './detection/detection.controller';
import { DomainModule } from './domain.module';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { MediaStoreModule } from './media-store/media-store.module';
import { MetricsModule } from './metrics/metrics.module';
import { pinoOptions } from './logging';
import { PersistenceModule } from './persistence/persistence.module';
import { RecordingsModule } from './recordings/recordings.module';
import { RECORDING_OVERRIDES, type RecordingOverrides } from './recordings/recordings.tokens';
import { PeopleModule } from './people/people.module';
import { NotificationsModule } from './notifications/notifications.module';
import { FACE_ANALYSER } from './people/people.tokens';
import { PooledFaceAnalyser } from './people/pooled-face-analyser';
import { WarmDetector } from './streams/warm-detector';
import { SnapshotsController } from './snapshots/snapshots.controller';
import { DETECTION_POOL_OPTIONS, StreamsModule, type DetectionPoolOverrides } from './streams/streams.module';
import { EventsGateway } from './realtime/events.gateway';
import { UsersController } from './users/users.controller';
import { WebConsoleModule } from './web/web-console.module';

export interface AppModuleOptions {
  config: ArgusConfig;
  secrets: ArgusSecrets;
  /** Overrides the SQLite file (tests use ':memory:'). */
  sqliteFile?: string;
  /** Where log lines go instead of stdout (tests that read the log). */
  logStream?: DestinationStream;
  /** Tests only: detection pool options on top of the configured ones (a stand-in worker, detector settings). */
  detectionPool?: DetectionPoolOverrides;
  /** Tests only: the face analyser behind enrolment and recognition (a deterministic stand-in). */
  faceAnalyser?: FaceAnalyser;
  /** Tests only: how recording files are opened and the disk retention sees (faults). */
  recording?: RecordingOverrides;
}

/** Composition root: config, adapters and domain wired together; controllers stay thin. */
@Module({})
export class AppModule {
  static register({ config, secrets, sqliteFile, logStream, detectionPool, faceAnalyser, recording }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(pinoOptions(config, logStream)),
        PersistenceModule.forConfig(config, sqliteFile),
        DomainModule.forConfig(config),
        MediaStoreModule,
        AuthModule.forConfig(config, secrets),
        LiveModule.forConfig(config),
        StreamsModule,
        ClusterModule.forConfig(config),
        RecordingsModule,
        MetricsModule,
        HealthModule,
        PeopleModule,
        NotificationsModule.forConfig(config),
        WebConsoleModule.forConfig(config),
      ],
      controllers: [UsersController, CamerasController, AlertsController, SnapshotsController, DetectionController],
      providers: [
        { provide: ARGUS_CONFIG, useValue: config },
        { provide: ARGUS_SECRETS, useValue: secrets },
        { provide: DETECTION_POOL_OPTIONS, useValue: detectionPool ?? {} },
        { provide: RECORDING_OVERRIDES, useValue: recording ?? {} },
        {
          // Recognition runs in the detection pool's workers (RECOGNITION=off leaves it unused).
          provide: FACE_ANALYSER,
          useFactory: (detector: WarmDetector<DetectionPool>) => faceAnalyser ?? new PooledFaceAnalyser(detector),
          inject: [WarmDetector],
        },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        EventsGateway,
      ],
      exports: [ARGUS_CONFIG, ARGUS_SECRETS, DETECTION_POOL_OPTIONS, RECORDING_OVERRIDES, FACE_ANALYSER],
    };
  }
}
