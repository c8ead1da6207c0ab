import { Global, Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import {
  CameraRuntime,
  CameraStatusReporter,
  DEFAULT_ALERT_POLICY,
  DEFAULT_MOTION_GATE,
  DEFAULT_OBJECT_ALERT_POLICY,
  DEFAULT_SUPERVISOR_OPTIONS,
  DetectionScheduler,
  FaceMatcher,
  IdentityCooldown,
  OneAtATimeAnalyser,
  RecordAlert,
  Recorder,
  UnknownGrouper,
  type AlertRepository,
  type CameraRepository,
  type CameraRuntimeSettings,
  type Clock,
  type DecodedFrame,
  type FaceImageStore,
  type LiveVideoHub,
  type MediaStore,
  type PersonRepository,
  type PipelineRecognition,
  type SnapshotStore,
} from '@argus/domain';
import { JpegSnapshotRenderer, MediaSnapshotStore, SocketIoRealtimePublisher } from '@argus/adapters';
import { FfmpegCameraFeedConnector, FfmpegFrameDecoderFactory } from '@argus/adapters/media/ffmpeg';
import { DetectionPool, type DetectionPoolOptions } from '@argus/detection';
import { ARGUS_CONFIG, type ArgusConfig } from '@argus/config';
import { PooledObjectDetector } from './pooled-object-detector';
import { CLOCK } from '../domain.module';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY, PERSON_REPOSITORY } from '../persistence/tokens';
import { FACE_IMAGE_STORE } from '../people/people.tokens';
import { RecognitionAvailability } from '../people/recognition-availability';
import { MEDIA_STORE } from '../media-store/media-store.token';
import { SNAPSHOT_STORE } from '../snapshots/snapshot-store.token';
import { LIVE_VIDEO_HUB } from '../live/live-backend';
import { ArgusMetrics } from '../metrics/argus-metrics';
import { TimedDetector } from '../metrics/timed-detector';
import { RecordingCameraRuntime } from '../recordings/recording-camera-runtime';
import { CLUSTER_FENCING } from '../cluster/cluster.tokens';
import type { ClusterFencing } from '../cluster/cluster.providers';
import { DemoCameras } from './demo-cameras';
import { NodeTimers } from './node-timers';
import { StoppingStreams } from './stopping-streams';
import { WarmDetector } from './warm-detector';

/** Pool options a test may set (a stand-in worker entry, detector settings); production passes none. */
export type DetectionPoolOverrides = Pick<DetectionPoolOptions, 'worker' | 'settings'>;
export const DETECTION_POOL_OPTIONS = Symbol('DetectionPoolOverrides');
/** What the pipeline names faces with (a `PipelineRecognition`), or null: recognition off or no analyser. */
export const PIPELINE_RECOGNITION = Symbol('PipelineRecognition');

/** Keeps the pixels of a frame the detector pool is about to take (transferred, not copied). */
const keepPixels = (frame: DecodedFrame): DecodedFrame => ({ ...frame, data: frame.data.slice() });

@Injectable()
class RuntimeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Cameras');

  constructor(
    private readonly runtime: CameraRuntime,
    private readonly detector: WarmDetector,
    private readonly stopping: StoppingStreams,
    @Inject(CAMERA_REPOSITORY) private readonly cameras: CameraRepository,
    @Inject(ARGUS_CONFIG) private readonly config: ArgusConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // In a cluster, each worker takes the cameras its leases give it (ClusterModule).
    if (this.config.cluster.redisUrl) return;
    const resumed = await this.runtime.resume(await this.cameras.listAll());
    if (resumed > 0) this.logger.log(`resumed ${resumed} camera(s)`);
  }

  /** Before any shutdown hook: streams (and their ffmpeg children) end while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stopAll();
    await this.stopping.settled(); // every ffmpeg child has exited (SIGKILL after its grace period)
    await this.detector.close();
  }
}

/** The camera pipeline: ffmpeg feeds and decoders, the detection pool, the runtime behind start/stop. */
@Global()
@Module({
  providers: [
    { provide: StoppingStreams, useFactory: () => new StoppingStreams() },
    {
      provide: WarmDetector,
      useFactory: (config: ArgusConfig, overrides: DetectionPoolOverrides) => {
        const logger = new Logger('Detection');
        // A worker that dies between frames is replaced by Piscina; it is logged, never fatal.
        const onError = (error: Error) => logger.error(`detection worker failed: ${error.message}`);
        const options: DetectionPoolOptions = { threads: config.detectionThreads, settings: config.detection, ...overrides, transferFrames: true, onError };
        return new WarmDetector(() => DetectionPool.start(options));
      },
      inject: [ARGUS_CONFIG, DETECTION_POOL_OPTIONS],
    },
    {
      provide: SNAPSHOT_STORE,
      useFactory: (media: MediaStore) => new MediaSnapshotStore(media),
      inject: [MEDIA_STORE],
    },
    {
      provide: PIPELINE_RECOGNITION,
      useFactory: (
        availability: RecognitionAvailability,
        matcher: FaceMatcher,
        grouper: UnknownGrouper,
        crops: FaceImageStore,
        cooldown: IdentityCooldown,
        people: PersonRepository,
        alerts: AlertRepository,
      ): PipelineRecognition | null => {
        // RECOGNITION=off (or no analyser in this process): the pipeline raises anonymous face alerts.
        const analyser = availability.analyser;
        // One analysis at a time, so the cameras' detections never queue behind several of them.
        return analyser ? { analyser: new OneAtATimeAnalyser(analyser), matcher, grouper, crops, cooldown, people, alerts } : null;
      },
      inject: [RecognitionAvailability, FaceMatcher, UnknownGrouper, FACE_IMAGE_STORE, IdentityCooldown, PERSON_REPOSITORY, ALERT_REPOSITORY],
    },
    {
      // Needs only what reports from the running side (status, alerts), not the camera use cases:
      // those are given this runtime when they are built (DomainModule's CAMERA_DEPS).
      provide: CameraRuntime,
      useFactory: (
        config: ArgusConfig,
        detector: WarmDetector,
        snapshots: SnapshotStore,
        status: CameraStatusReporter,
        alerts: RecordAlert,
        publisher: SocketIoRealtimePublisher,
        clock: Clock,
        live: LiveVideoHub,
        metrics: ArgusMetrics,
        stopping: StoppingStreams,
        recognition: PipelineRecognition | null,
        recorder: Recorder,
        fencing: ClusterFencing | null,
      ) => {
        const logger = new Logger('Cameras');
        // FFMPEG_PATH when set, else ffmpeg on PATH, else the packaged binary.
        const ffmpeg = { ffmpegPath: config.ffmpegPath, ffmpegSearchPath: config.ffmpegSearchPath };
        // The recorder gets each camera's units beside the live view, and its settings on start and change.
        return new RecordingCameraRuntime({
          feeds: stopping.feeds(new FfmpegCameraFeedConnector(ffmpeg)),
          decoders: stopping.decoders(new FfmpegFrameDecoderFactory(ffmpeg)),
          scheduler: new DetectionScheduler(
            new TimedDetector(detector, metrics),
            config.detectionThreads,
            (cameraId, error) => logger.warn(`camera ${cameraId}: detection failed: ${String(error)}`),
            keepPixels,
            // Objects share the pool's threads with faces (the scheduler keeps faces their share).
            { detector: new PooledObjectDetector(detector as WarmDetector<DetectionPool>, metrics) },
          ),
          // A worker of a cluster writes statuses and alerts only for the cameras it holds.
          status: fencing ? fencing.status(status) : status,
          alerts: fencing ? fencing.alerts(alerts) : alerts,
          snapshots,
          renderer: new JpegSnapshotRenderer(),
          publisher,
          live,
          ...(recognition ? { recognition } : {}),
          clock,
          timers: new NodeTimers(),
          random: Math.random,
          settings: runtimeSettings(config),
          log: { warn: (m) => logger.warn(m), info: (m) => logger.log(m) },
        }, recorder);
      },
      inject: [ARGUS_CONFIG, WarmDetector, SNAPSHOT_STORE, CameraStatusReporter, RecordAlert, SocketIoRealtimePublisher, CLOCK, LIVE_VIDEO_HUB, ArgusMetrics, StoppingStreams, PIPELINE_RECOGNITION, Recorder, CLUSTER_FENCING],
    },
    RuntimeLifecycle,
    DemoCameras,
  ],
  exports: [CameraRuntime, WarmDetector, SNAPSHOT_STORE, StoppingStreams],
})
export class StreamsModule {}

function runtimeSettings(config: ArgusConfig): CameraRuntimeSettings {
  return {
    maxWidth: 640,
    transport: config.rtspTransport,
    heartbeatMs: 5000,
    decoderRestartMs: 1000,
    supervisor: DEFAULT_SUPERVISOR_OPTIONS,
    alerts: { ...DEFAULT_ALERT_POLICY, cooldownMs: config.alertCooldownMs },
    motion: DEFAULT_MOTION_GATE,
    // Object alerts keep the same cooldown, per label.
    objects: { fps: config.objectFps, policy: { ...DEFAULT_OBJECT_ALERT_POLICY, cooldownMs: config.alertCooldownMs } },
  };
}
