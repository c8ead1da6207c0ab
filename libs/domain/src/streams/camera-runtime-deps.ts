import type { AlertPolicyOptions } from '../alerts/alert-policy';
import { DEFAULT_OBJECT_ALERT_POLICY, type ObjectAlertPolicyOptions } from '../alerts/alert-policy-objects';
import type { RecordAlert } from '../alerts/use-cases/record-alert';
import type { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import type { RealtimePublisher } from '../realtime/realtime-publisher';
import type { Clock } from '../shared/clock';
import type { CameraFeedConnector, RtspTransport } from './camera-feed';
import type { DetectionScheduler } from './detection-scheduler';
import type { FrameDecoderFactory } from './frame-decoder';
import type { LiveVideoHub } from './live-video-hub';
import type { MotionGateOptions } from './motion-gate';
import type { SnapshotRenderer, SnapshotStore } from './snapshot-store';
import type { PipelineRecognition } from './pipeline-recognition';
import type { SupervisorOptions } from './stream-supervisor';
import type { Timers } from './timers';

export interface CameraRuntimeSettings {
  /** Processing frames are scaled down to at most this width. */
  maxWidth: number;
  transport: RtspTransport;
  /** camera_state heartbeat with the measured FPS while running. */
  heartbeatMs: number;
  /** Wait before restarting a crashed decoder (the camera connection stays up). */
  decoderRestartMs: number;
  supervisor: SupervisorOptions;
  alerts: AlertPolicyOptions;
  motion: MotionGateOptions;
  /** Object detection for cameras that ask for objects; default DEFAULT_OBJECT_DETECTION. */
  objects?: ObjectDetectionSettings;
}

export interface ObjectDetectionSettings {
  /** Object frames per camera per second, at most (taken from the motion-gated frames). */
  fps: number;
  policy: ObjectAlertPolicyOptions;
}

export const DEFAULT_OBJECT_DETECTION: ObjectDetectionSettings = { fps: 2, policy: DEFAULT_OBJECT_ALERT_POLICY };

export interface RuntimeLog {
  warn(message: string): void;
  info(message: string): void;
}

export interface CameraRuntimeDeps {
  feeds: CameraFeedConnector;
  decoders: FrameDecoderFactory;
  scheduler: DetectionScheduler;
  status: CameraStatusReporter;
  alerts: RecordAlert;
  snapshots: SnapshotStore;
  renderer: SnapshotRenderer;
  publisher: RealtimePublisher;
  live?: LiveVideoHub;
  /** Names the faces of alerts; absent (recognition off): alerts stay anonymous, as without it. */
  recognition?: PipelineRecognition;
  clock: Clock;
  timers: Timers;
  random: () => number;
  settings: CameraRuntimeSettings;
  log: RuntimeLog;
}

/** Counters of one camera, for the heartbeat, metrics and benchmarks. */
export interface CameraCounters {
  /** Units of the main stream (`rtspUrl`). */
  unitsIn: number;
  /** Units of the detection stream (`detectRtspUrl`), while it is pulled. */
  detectionUnitsIn: number;
  framesDecoded: number;
  motionSkipped: number;
  processed: number;
  skipped: number;
  failed: number;
  alerts: number;
  reconnects: number;
  processingFps: number;
  /** Object frames handled (cameras that ask for objects). */
  objectsProcessed: number;
  /** Object frames replaced by a newer one before the detector was free. */
  objectsSkipped: number;
  /** Object alerts raised (`alerts` counts face alerts). */
  objectAlerts: number;
}
