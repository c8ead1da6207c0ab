// A CameraRuntime wired to in-memory repositories and the pipeline fakes, for end-to-end unit tests.
import { DEFAULT_ALERT_POLICY } from '../alerts/alert-policy';
import { RecordAlert } from '../alerts/use-cases/record-alert';
import type { Camera } from '../cameras/camera';
import { CameraStatusReporter } from '../cameras/use-cases/camera-status';
import { CameraRuntime } from '../streams/camera-runtime';
import type { CameraRuntimeDeps, CameraRuntimeSettings, RuntimeLog } from '../streams/camera-runtime-deps';
import { DetectionScheduler } from '../streams/detection-scheduler';
import type { EncodedVideoUnit, VideoStreamInfo } from '../streams/encoded-video';
import type { LiveDetections, LiveVideoHub } from '../streams/live-video-hub';
import { DEFAULT_MOTION_GATE } from '../streams/motion-gate';
import type { PipelineRecognition } from '../streams/pipeline-recognition';
import { FaceMatcher } from '../people/face-matcher';
import { IdentityCooldown } from '../people/identity-cooldown';
import { UnknownGrouper } from '../people/unknown-grouper';
import { InMemoryPeople, InMemoryUnknownGroups, MemoryFaceImages } from './people-fakes';
import { DEFAULT_SUPERVISOR_OPTIONS } from '../streams/stream-supervisor';
import { aCamera } from './builders';
import { ManualTimers } from './manual-timers';
import { FakeObjectDetector } from './object-fakes';
import {
  FakeDecoderFactory,
  FakeDetector,
  FakeFeedConnector,
  FakeRenderer,
  MemorySnapshotStore,
  RegionFaceAnalyser,
} from './pipeline-fakes';
import { FakeClock, InMemoryAlerts, InMemoryCameras, RecordingPublisher, SequentialIds } from './fakes';

export const WORLD_T0 = new Date('2026-01-01T00:00:00Z');

export const TEST_RUNTIME_SETTINGS: CameraRuntimeSettings = {
  maxWidth: 640,
  transport: 'tcp',
  heartbeatMs: 5000,
  decoderRestartMs: 2000,
  supervisor: DEFAULT_SUPERVISOR_OPTIONS,
  alerts: DEFAULT_ALERT_POLICY,
  motion: DEFAULT_MOTION_GATE,
};

export class RecordingLog implements RuntimeLog {
  readonly warnings: string[] = [];
  readonly infos: string[] = [];
  warn(message: string): void {
    this.warnings.push(message);
  }
  info(message: string): void {
    this.infos.push(message);
  }
}

/**
 * Records what reaches the live view, as `started c1` / `unit c1 <pts>` / `stopped c1`, and the
 * detections it was given (kept apart: they come from the detection side, not the stream).
 */
export class RecordingLiveHub implements LiveVideoHub {
  readonly events: string[] = [];
  readonly detected: Array<{ cameraId: string; detections: LiveDetections }> = [];

  cameraStarted(cameraId: string, info: VideoStreamInfo): void {
    this.events.push(`started ${cameraId} ${info.width}x${info.height}`);
  }

  unit(cameraId: string, unit: EncodedVideoUnit): void {
    this.events.push(`unit ${cameraId} ${unit.pts90k}`);
  }

  cameraStopped(cameraId: string): void {
    this.events.push(`stopped ${cameraId}`);
  }

  detections(cameraId: string, detections: LiveDetections): void {
    this.detected.push({ cameraId, detections });
  }
}

/** The world's camera: a password in its URL (to see it masked), created at WORLD_T0. */
export function testCamera(overrides: Partial<Camera> = {}): Camera {
  return aCamera({ location: 'Yard', rtspUrl: 'rtsp://cam:s3cret@10.0.0.5/stream1', createdAt: WORLD_T0, updatedAt: WORLD_T0, ...overrides });
}

export interface WorldOptions {
  /** Detector slots shared by all cameras. */
  concurrency?: number;
  /** Backoff jitter source; 0.5 means "no jitter" with the default ±20 %. */
  random?: () => number;
  settings?: Partial<CameraRuntimeSettings>;
  /** Recognition on (a RegionFaceAnalyser, matcher threshold 0.6 / margin 0.1, groups at 0.7), with this identity cooldown. */
  recognition?: { identityCooldownMs?: number };
}

/** The recognition side of the world: every camera shares the matcher, groups and identity cooldown. */
function recognitionWorld(clock: FakeClock, alerts: InMemoryAlerts, identityCooldownMs?: number) {
  let n = 0;
  /** Unknown groups and their faces: u-1, u-2, … */
  const ids = { next: () => `u-${++n}` };
  const analyser = new RegionFaceAnalyser();
  const people = new InMemoryPeople();
  const unknowns = new InMemoryUnknownGroups();
  const crops = new MemoryFaceImages();
  const matcher = new FaceMatcher({ threshold: 0.6, margin: 0.1 });
  const grouper = new UnknownGrouper({ groups: unknowns, crops, ids, threshold: 0.7 });
  const cooldown = new IdentityCooldown(clock, identityCooldownMs);
  const deps: PipelineRecognition = { analyser, matcher, grouper, crops, cooldown, people, alerts };
  return { deps, analyser, people, unknowns, crops, matcher };
}

export function runtimeWorld(options: WorldOptions = {}) {
  const clock = new FakeClock(WORLD_T0);
  const timers = new ManualTimers(clock);
  const cameras = new InMemoryCameras();
  const alerts = new InMemoryAlerts();
  const publisher = new RecordingPublisher();
  const feeds = new FakeFeedConnector(clock);
  const decoders = new FakeDecoderFactory(clock);
  const detector = new FakeDetector();
  const objectDetector = new FakeObjectDetector();
  const failures: Array<{ cameraId: string; error: unknown }> = [];
  const onFailure = (cameraId: string, error: unknown) => failures.push({ cameraId, error });
  const scheduler = new DetectionScheduler(detector, options.concurrency ?? 1, onFailure, undefined, { detector: objectDetector });
  const snapshots = new MemorySnapshotStore();
  const renderer = new FakeRenderer();
  const live = new RecordingLiveHub();
  const log = new RecordingLog();
  const recognition = options.recognition ? recognitionWorld(clock, alerts, options.recognition.identityCooldownMs) : null;
  const deps: CameraRuntimeDeps = {
    feeds,
    decoders,
    scheduler,
    status: new CameraStatusReporter({ cameras, publisher, clock }),
    alerts: new RecordAlert({ cameras, alerts, publisher, ids: new SequentialIds(), clock }),
    snapshots,
    renderer,
    publisher,
    live,
    ...(recognition ? { recognition: recognition.deps } : {}),
    clock,
    timers,
    random: options.random ?? (() => 0.5),
    settings: { ...TEST_RUNTIME_SETTINGS, ...options.settings },
    log,
  };
  const runtime = new CameraRuntime(deps);
  return {
    clock,
    timers,
    cameras,
    alerts,
    publisher,
    feeds,
    decoders,
    detector,
    /** Answers the object frames of cameras that ask for objects. */
    objectDetector,
    scheduler,
    failures,
    snapshots,
    renderer,
    live,
    log,
    deps,
    runtime,
    /** Set when the world was built with `recognition`. */
    recognition,
    /** Stores a camera and returns it as stored. */
    async addCamera(overrides: Partial<Camera> = {}): Promise<Camera> {
      const camera = testCamera(overrides);
      await cameras.create(camera);
      return camera;
    },
    /** The statuses published as camera_state for a camera, in order. */
    statuses(cameraId = 'c1'): string[] {
      return publisher.states.filter((s) => s.event.cameraId === cameraId).map((s) => s.event.status);
    },
  };
}

export type RuntimeWorld = ReturnType<typeof runtimeWorld>;
