import { AlertPolicy } from '../alerts/alert-policy';
import type { Camera, CameraStatus } from '../cameras/camera';
import { maskRtspCredentials } from '../cameras/rtsp-url';
import { sameZones } from '../zones/zone';
import { CameraHeartbeat } from './camera-heartbeat';
import type { CameraFeed } from './camera-feed';
import type { CameraCounters, CameraRuntimeDeps } from './camera-runtime-deps';
import { CameraStatusWriter } from './camera-status-writer';
import { DetectionOutcomeHandler } from './detection-outcome-handler';
import type { DecodedFrame, FrameDecoder } from './frame-decoder';
import { MotionGate } from './motion-gate';
import { StreamSupervisor, type SupervisedStream } from './stream-supervisor';
import type { TimerHandle } from './timers';

/**
 * One running camera: its supervised RTSP feed, the decoder that samples frames for detection
 * (only while detection is on) and motion gating. What becomes of a detection, how statuses are
 * stored and the FPS heartbeat are delegated to units of their own.
 */
export class CameraSession implements SupervisedStream {
  readonly supervisor: StreamSupervisor;
  private feed: CameraFeed | null = null;
  private decoder: FrameDecoder | null = null;
  private decoderRestart: TimerHandle | null = null;
  private readonly motion: MotionGate;
  private readonly policy: AlertPolicy;
  private readonly outcomes: DetectionOutcomeHandler;
  private readonly statuses: CameraStatusWriter;
  private readonly heartbeat: CameraHeartbeat;
  private readonly counts = { unitsIn: 0, framesDecoded: 0, motionSkipped: 0 };
  private closed = false;
  /** The camera's own picture size, as its stream says (alerts are in these pixels). */
  private sourceSize: { width: number; height: number } | null = null;
  /** Supervisor generation of the open connection. */
  private generation = 0;

  constructor(private camera: Camera, private readonly deps: CameraRuntimeDeps) {
    const { clock, timers, random, settings } = deps;
    const current = () => this.camera;
    this.supervisor = new StreamSupervisor(this, clock, timers, random, settings.supervisor);
    this.motion = new MotionGate(settings.motion);
    this.motion.setMasks(camera.zones ?? []);
    this.policy = new AlertPolicy(settings.alerts);
    this.outcomes = new DetectionOutcomeHandler(current, this.policy, deps, () => this.sourceSize);
    this.statuses = new CameraStatusWriter(current, deps, settings.heartbeatMs);
    this.heartbeat = new CameraHeartbeat({ camera: current, closed: () => this.closed }, deps, settings.heartbeatMs);
    deps.scheduler.register(camera.id, (outcome) => {
      if (!this.closed && this.camera.detectionEnabled) this.outcomes.handle(outcome);
    });
  }

  get id(): string {
    return this.camera.id;
  }

  open(generation: number): void {
    this.closed = false;
    this.generation = generation;
    // A feed being stopped may still deliver what it had buffered: only the current one counts,
    // or old units would reach the live view after cameraStopped and the next connection's decoder.
    const current = () => !this.closed && this.generation === generation;
    this.feed = this.deps.feeds.connect(
      { cameraId: this.camera.id, url: this.camera.rtspUrl, transport: this.deps.settings.transport },
      {
        info: (info) => {
          if (!current()) return;
          if (info.width > 0 && info.height > 0) this.sourceSize = { width: info.width, height: info.height };
          this.deps.live?.cameraStarted(this.camera.id, info);
        },
        unit: (unit) => {
          if (!current()) return;
          this.counts.unitsIn++;
          this.heartbeat.unitArrived();
          this.supervisor.data(generation);
          this.deps.live?.unit(this.camera.id, unit);
          this.decoder?.push(unit);
        },
        ended: (reason) => this.supervisor.ended(generation, reason ?? 'the stream ended'),
      },
    );
    this.startDecoder();
  }

  close(): void {
    this.closed = true;
    this.heartbeat.stop();
    this.stopDecoder();
    const feed = this.feed;
    this.feed = null;
    this.deps.live?.cameraStopped(this.camera.id);
    feed?.stop().catch((e: unknown) => this.deps.log.warn(`camera ${this.camera.id}: stopping feed failed: ${String(e)}`));
  }

  status(status: CameraStatus, error?: string): void {
    if (this.statuses.keepsStatus) return;
    if (status === 'running') this.heartbeat.start();
    this.statuses.write(status, error);
  }

  /** Resolves once every status change so far is stored and published. */
  statusSettled(): Promise<unknown> {
    return this.statuses.settled();
  }

  /** Applies new settings; FPS or detection changes restart only the decoder, zones apply from the next frame. */
  reconfigure(camera: Camera): void {
    const before = this.camera;
    this.camera = camera;
    if (!sameZones(before.zones, camera.zones)) this.motion.setMasks(camera.zones ?? []);
    if (before.fps === camera.fps && before.detectionEnabled === camera.detectionEnabled) return;
    this.policy.reset();
    this.motion.reset();
    this.stopDecoder();
    if (this.feed) this.startDecoder();
  }

  /** `keepStatus` (shutdown): statuses stay as they were, so the camera resumes on the next start. */
  async stop(options: { keepStatus?: boolean } = {}): Promise<void> {
    this.statuses.end(options.keepStatus ?? false, () => this.supervisor.stop());
    this.deps.scheduler.unregister(this.camera.id);
  }

  counters(): CameraCounters {
    const s = this.deps.scheduler.stats(this.camera.id);
    return {
      ...this.counts,
      processed: this.outcomes.processed,
      alerts: this.outcomes.alerts,
      skipped: s.skipped,
      failed: s.failed,
      reconnects: this.supervisor.reconnects,
      processingFps: Math.round(this.heartbeat.fps() * 10) / 10,
    };
  }

  private startDecoder(): void {
    if (!this.camera.detectionEnabled || this.decoder || this.closed) return;
    const { maxWidth, decoderRestartMs } = this.deps.settings;
    // Callbacks of a decoder that was replaced (FPS change, detection off, reconnect) are ignored:
    // its late frames must not be detected and its end must not drop or restart its successor.
    let decoder: FrameDecoder | null = null;
    decoder = this.deps.decoders.create(
      { cameraId: this.camera.id, fps: this.camera.fps, maxWidth },
      {
        frame: (frame) => {
          if (decoder !== null && this.decoder === decoder) this.decoded(frame);
        },
        ended: (reason) => {
          if (reason === null || this.closed || decoder === null || this.decoder !== decoder) return;
          this.deps.log.warn(`camera ${this.camera.id}: decoder ended: ${maskRtspCredentials(reason)}`);
          this.decoder = null;
          this.decoderRestart = this.deps.timers.setTimeout(() => {
            this.decoderRestart = null;
            this.startDecoder();
          }, decoderRestartMs);
        },
      },
    );
    this.decoder = decoder;
  }

  private stopDecoder(): void {
    if (this.decoderRestart) this.deps.timers.clearTimeout(this.decoderRestart);
    this.decoderRestart = null;
    const decoder = this.decoder;
    this.decoder = null;
    decoder?.stop().catch((e: unknown) => this.deps.log.warn(`camera ${this.camera.id}: stopping decoder failed: ${String(e)}`));
  }

  private decoded(frame: DecodedFrame): void {
    this.counts.framesDecoded++;
    if (!this.camera.detectionEnabled || this.closed) return;
    this.heartbeat.frameHandled();
    if (!this.motion.shouldDetect(frame, frame.capturedAt, this.policy.activeTracks > 0)) {
      this.counts.motionSkipped++;
      return;
    }
    // A frame that may confirm a face goes ahead of other cameras' frames: alerts come sooner under load.
    this.deps.scheduler.offer(this.camera.id, frame, this.policy.awaitingConfirmation(frame.capturedAt));
  }
}
