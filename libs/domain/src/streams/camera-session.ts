import { AlertPolicy } from '../alerts/alert-policy';
import type { Camera } from '../cameras/camera';
import { maskRtspCredentials } from '../cameras/rtsp-url';
import { sameZones } from '../zones/zone';
import { CameraHeartbeat } from './camera-heartbeat';
import { MainStreamClock } from './camera-session-clock';
import { cameraStatusOf, samePullStatus, type PullStatus } from './camera-session-status';
import { SessionStream, type SessionStreamRole } from './camera-session-stream';
import type { CameraCounters, CameraRuntimeDeps } from './camera-runtime-deps';
import { CameraStatusWriter } from './camera-status-writer';
import { DetectionOutcomeHandler } from './detection-outcome-handler';
import type { EncodedVideoUnit, VideoStreamInfo } from './encoded-video';
import type { DecodedFrame, FrameDecoder } from './frame-decoder';
import { MotionGate } from './motion-gate';
import { ObjectDetections } from './object-detections';
import type { TimerHandle } from './timers';

/**
 * One running camera: its supervised RTSP pull (two when it has a detection stream), the decoder
 * that samples frames for detection (only while detection is on) and motion gating. What becomes
 * of a detection, how statuses are stored and the FPS heartbeat are delegated to units of their own.
 *
 * The main pull (`rtspUrl`) always feeds the live view (copied, never decoded). Detection decodes
 * the camera's detection stream (`detectRtspUrl`, pulled only while detection is on) when it has
 * one, else the main pull. Alerts give boxes in the main stream's pixels, whichever was decoded.
 */
export class CameraSession {
  private readonly main: SessionStream;
  private detection: SessionStream | null = null;
  /** What each pull's supervisor said last. */
  private mainStatus: PullStatus = { status: 'starting' };
  private detectionStatus: PullStatus = { status: 'starting' };
  /** Reconnects and units of detection pulls that were replaced or stopped. */
  private readonly pastDetection = { reconnects: 0, units: 0 };
  private decoder: FrameDecoder | null = null;
  private decoderRestart: TimerHandle | null = null;
  private readonly motion: MotionGate;
  private readonly policy: AlertPolicy;
  private readonly outcomes: DetectionOutcomeHandler;
  private readonly objects: ObjectDetections;
  private readonly statuses: CameraStatusWriter;
  private readonly heartbeat: CameraHeartbeat;
  private readonly mainClock = new MainStreamClock();
  private readonly counts = { unitsIn: 0, framesDecoded: 0, motionSkipped: 0 };
  /** The camera's status as last written (made from the pulls' statuses). */
  private written: PullStatus | null = null;
  private started = false;
  private stopped = false;
  /** The camera's own picture size, as its main stream says (alerts are in these pixels). */
  private sourceSize: { width: number; height: number } | null = null;

  constructor(private camera: Camera, private readonly deps: CameraRuntimeDeps) {
    const current = () => this.camera;
    this.motion = new MotionGate(deps.settings.motion);
    this.motion.setMasks(camera.zones ?? []);
    this.policy = new AlertPolicy(deps.settings.alerts);
    const live = () => !this.stopped && this.camera.detectionEnabled && (this.decodeSource?.isOpen ?? false);
    this.objects = new ObjectDetections(current, deps, deps.settings.objects, () => this.sourceSize, live);
    this.outcomes = new DetectionOutcomeHandler(current, this.policy, deps, () => this.sourceSize, this.objects);
    this.statuses = new CameraStatusWriter(current, deps, deps.settings.heartbeatMs);
    this.heartbeat = new CameraHeartbeat({ camera: current, closed: () => !this.main.isOpen }, deps, deps.settings.heartbeatMs);
    this.main = this.pull('main', camera.rtspUrl);
    // A result that comes back after its pull was closed (failed, stopped) or detection was
    // switched off no longer counts.
    deps.scheduler.register(camera.id, (outcome) => {
      if (!this.stopped && this.camera.detectionEnabled && this.decodeSource?.isOpen) this.outcomes.handle(outcome);
    });
  }

  get id(): string {
    return this.camera.id;
  }

  /** Failed and waiting to reconnect (either pull): a start then means "try now". */
  get waiting(): boolean {
    return this.main.waiting || (this.detection?.waiting ?? false);
  }

  /** Reconnections of either pull. */
  get reconnects(): number {
    return this.main.supervisor.reconnects + this.detectionReconnects;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.main.supervisor.start();
    this.syncDetectionPull();
  }

  /** Resolves once every status change so far is stored and published. */
  statusSettled(): Promise<unknown> {
    return this.statuses.settled();
  }

  /**
   * Applies new settings; FPS or detection changes restart only the decoder (and start or stop the
   * detection stream's pull), zones apply from the next frame.
   */
  reconfigure(camera: Camera): void {
    const before = this.camera;
    this.camera = camera;
    if (!sameZones(before.zones, camera.zones)) this.motion.setMasks(camera.zones ?? []);
    const sameDetection = before.detectionEnabled === camera.detectionEnabled && (before.detectRtspUrl ?? null) === (camera.detectRtspUrl ?? null);
    if (before.fps === camera.fps && sameDetection) return;
    this.policy.reset();
    this.objects.reset();
    this.motion.reset();
    this.stopDecoder();
    this.syncDetectionPull();
    this.startDecoder();
  }

  /** `keepStatus` (shutdown): statuses stay as they were, so the camera resumes on the next start. */
  async stop(options: { keepStatus?: boolean } = {}): Promise<void> {
    this.statuses.end(options.keepStatus ?? false, () => {
      this.stopped = true;
      this.syncDetectionPull();
      this.main.supervisor.stop();
    });
    this.deps.scheduler.unregister(this.camera.id);
  }

  counters(): CameraCounters {
    const s = this.deps.scheduler.stats(this.camera.id);
    return {
      ...this.counts,
      detectionUnitsIn: this.detectionUnits,
      processed: this.outcomes.processed,
      alerts: this.outcomes.alerts,
      skipped: s.skipped,
      failed: s.failed,
      reconnects: this.reconnects,
      processingFps: Math.round(this.heartbeat.fps() * 10) / 10,
      objectsProcessed: this.objects.processed,
      objectsSkipped: this.deps.scheduler.objectStats(this.camera.id).skipped,
      objectAlerts: this.objects.alerts,
    };
  }

  private get detectionReconnects(): number {
    return this.pastDetection.reconnects + (this.detection?.supervisor.reconnects ?? 0);
  }

  private get detectionUnits(): number {
    return this.pastDetection.units + (this.detection?.units ?? 0);
  }

  private pull(role: SessionStreamRole, url: string): SessionStream {
    const stream: SessionStream = new SessionStream(role, this.camera.id, url, this.deps, {
      opened: () => {
        if (role === 'main') this.mainClock.reset();
        if (this.decodes(stream)) this.startDecoder();
      },
      info: (info) => this.info(stream, info),
      unit: (unit) => this.unit(stream, unit),
      closed: () => {
        if (role === 'main') {
          this.heartbeat.stop();
          this.deps.live?.cameraStopped(this.camera.id);
        }
        if (this.decodes(stream)) this.stopDecoder();
      },
      status: (status, error) => this.pullStatus(stream, { status, error }),
    });
    return stream;
  }

  /** Starts the detection stream's pull when it is wanted and stops it when it no longer is. */
  private syncDetectionPull(): void {
    const url = this.camera.detectRtspUrl;
    const wanted = url && this.camera.detectionEnabled && this.started && !this.stopped ? url : null;
    const current = this.detection;
    if (current && current.url !== wanted) {
      this.detection = null;
      this.pastDetection.reconnects += current.supervisor.reconnects;
      this.pastDetection.units += current.units;
      this.stopDecoder();
      current.supervisor.stop();
      if (!this.stopped) this.writeStatus();
    }
    if (wanted && !this.detection) {
      this.detectionStatus = { status: 'starting' };
      this.detection = this.pull('detection', wanted);
      this.detection.supervisor.start();
    }
  }

  /** The pull detection decodes: the detection stream's when the camera has one. */
  private get decodeSource(): SessionStream | null {
    return this.camera.detectRtspUrl ? this.detection : this.main;
  }

  private decodes(stream: SessionStream): boolean {
    return this.decodeSource === stream;
  }

  private info(stream: SessionStream, info: VideoStreamInfo): void {
    if (stream !== this.main) return;
    if (info.width > 0 && info.height > 0) this.sourceSize = { width: info.width, height: info.height };
    this.deps.live?.cameraStarted(this.camera.id, info);
  }

  private unit(stream: SessionStream, unit: EncodedVideoUnit): void {
    if (stream === this.main) {
      this.counts.unitsIn++;
      this.heartbeat.unitArrived();
      this.mainClock.record(unit.receivedAt, unit.pts90k);
      this.deps.live?.unit(this.camera.id, unit);
    }
    if (this.decodes(stream)) this.decoder?.push(unit);
  }

  /** A pull's supervisor changed its status (a detection pull that was let go no longer counts). */
  private pullStatus(stream: SessionStream, status: PullStatus): void {
    if (stream === this.main) this.mainStatus = status;
    else if (stream === this.detection) this.detectionStatus = status;
    else return;
    this.writeStatus();
  }

  private writeStatus(): void {
    if (this.statuses.keepsStatus) return;
    const next = cameraStatusOf(this.mainStatus, this.detection ? this.detectionStatus : null);
    if (samePullStatus(this.written, next)) return;
    this.written = next;
    if (next.status === 'running') this.heartbeat.start();
    else this.heartbeat.stop();
    this.statuses.write(next.status, next.error);
  }

  private startDecoder(): void {
    const source = this.decodeSource;
    if (!this.camera.detectionEnabled || this.decoder || !source?.isOpen) return;
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
          if (reason === null || this.stopped || decoder === null || this.decoder !== decoder) return;
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

  private decoded(decoded: DecodedFrame): void {
    this.counts.framesDecoded++;
    if (!this.camera.detectionEnabled || this.stopped) return;
    // Detections and the live view speak the main stream's clock, whichever stream was decoded.
    const frame = this.decodeSource === this.main ? decoded : { ...decoded, pts90k: this.mainClock.ptsAt(decoded.capturedAt) ?? decoded.pts90k };
    this.heartbeat.frameHandled();
    if (!this.motion.shouldDetect(frame, frame.capturedAt, this.policy.activeTracks > 0)) {
      this.counts.motionSkipped++;
      return;
    }
    this.objects.offer(frame); // at most OBJECT_FPS of the frames, for a camera that asks for objects
    // A frame that may confirm a face goes ahead of other cameras' frames: alerts come sooner under load.
    this.deps.scheduler.offer(this.camera.id, frame, this.policy.awaitingConfirmation(frame.capturedAt));
  }
}
