import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Recorder, RecordingQueries, type AlertRepository, type CameraRepository, type ClipStore, type Clock, type DiskSpace, type SegmentStore } from '@argus/domain';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import type { MediaClipStore } from '@argus/adapters/media/record';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { CLOCK } from '../domain.module';
import { MEDIA_STORE } from '../media-store/media-store.token';
import { ArgusMetrics } from '../metrics/argus-metrics';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY } from '../persistence/tokens';
import { ClipsController } from './clips.controller';
import { RecordingStatus } from './recording-status';
import { Recordings, openClipStore, openSegmentStore, recordingsDisk } from './recordings';
import { RecordingsController } from './recordings.controller';
import { CLIP_STORE, RECORDINGS_DISK, RECORDING_OVERRIDES, SEGMENT_STORE, type RecordingOverrides } from './recordings.tokens';

@Injectable()
class RecordingsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly recordings: Recordings,
    private readonly metrics: ArgusMetrics,
    @Inject(CLIP_STORE) private readonly clips: MediaClipStore,
  ) {}

  onApplicationBootstrap(): void {
    this.recordings.status.register(this.metrics);
    this.recordings.runner.start();
  }

  /** Segments and clips under way are closed and stored while the media store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.recordings.runner.stop();
    await this.recordings.recorder.close();
    await this.recordings.settled();
    this.clips.close();
  }
}

/**
 * Recording: continuous segments under RECORDINGS_DIR, event clips in the media store, retention,
 * `GET /api/cameras/:id/recordings[/video]` and `GET /api/clips/…`. The camera streams feed the
 * `Recorder` (StreamsModule), alerts reach it through RecordAlert, deleted cameras through DeleteCamera.
 */
@Global()
@Module({
  providers: [
    { provide: SEGMENT_STORE, useFactory: openSegmentStore, inject: [ARGUS_CONFIG, RECORDING_OVERRIDES] },
    { provide: CLIP_STORE, useFactory: openClipStore, inject: [ARGUS_CONFIG, MEDIA_STORE, RECORDING_OVERRIDES] },
    { provide: RECORDINGS_DISK, useFactory: recordingsDisk, inject: [ARGUS_CONFIG, RECORDING_OVERRIDES] },
    {
      provide: Recordings,
      useFactory: (
        config: ArgusConfig,
        segments: SegmentStore,
        clips: ClipStore,
        disk: DiskSpace,
        cameras: CameraRepository,
        alerts: AlertRepository,
        publisher: SocketIoRealtimePublisher,
        clock: Clock,
        overrides: RecordingOverrides,
      ) => new Recordings({ config, segments, clips, disk, cameras, alerts, publisher, clock, overrides }),
      inject: [ARGUS_CONFIG, SEGMENT_STORE, CLIP_STORE, RECORDINGS_DISK, CAMERA_REPOSITORY, ALERT_REPOSITORY, SocketIoRealtimePublisher, CLOCK, RECORDING_OVERRIDES],
    },
    { provide: Recorder, useFactory: (r: Recordings) => r.recorder, inject: [Recordings] },
    { provide: RecordingQueries, useFactory: (r: Recordings) => r.queries, inject: [Recordings] },
    { provide: RecordingStatus, useFactory: (r: Recordings) => r.status, inject: [Recordings] },
    RecordingsLifecycle,
  ],
  controllers: [RecordingsController, ClipsController],
  exports: [Recorder, Recordings, RecordingQueries, RecordingStatus, SEGMENT_STORE, CLIP_STORE],
})
export class RecordingsModule {}
