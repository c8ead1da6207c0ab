import { AlertPolicy, type FaceAlertDecision } from '../alerts/alert-policy';
import type { Camera, CameraStatus } from '../cameras/camera';
import { maskRtspCredentials } from '../cameras/rtsp-url';
import type { FaceBox } from '../detection/face-detector';
import type { CameraFeed } from './camera-feed';
import type { CameraCounters, CameraRuntimeDeps } from './camera-runtime-deps';
import type { DetectionOutcome } from './detection-scheduler';
import type { DecodedFrame, FrameDecoder } from './frame-decoder';
import { MotionGate } from './motion-gate';
import { RateMeter } from './rate-meter';
import { StreamSupervisor, type SupervisedStream } from './stream-supervisor';
import type { TimerHandle } from './timers';

/**
 * One running camera: its supervised RTSP feed, the decoder that samples frames for detection
 * (only while detection is on), motion gating, face tracking and alerts.
 */
export class CameraSession implements SupervisedStream {
  readonly supervisor: StreamSupervisor;
  private feed: CameraFeed | null = null;
  private decoder: FrameDecoder | null = null;
  private decoderRestart: TimerHandle | null = null;
  private heartbeat: TimerHandle | null = null;
  private readonly motion: MotionGate;
  private readonly policy: AlertPolicy;
  /** Frames the pipeline handled per second (decoded and examined), the tile's "FPS". */
  private readonly meter = new RateMeter();
  /** Units arriving from the camera per second (the FPS shown while detection is off). */
  private readonly streamMeter = new RateMeter();
  private readonly counts = { unitsIn: 0, framesDecoded: 0, motionSkipped: 0, processed: 0, alerts: 0 };
  private closed = false;
  /** Supervisor generation of the open connection. */
  private generation = 0;
  /** Set at shutdown: statuses stay as they were, so these cameras resume on the next start. */
  private keepStatus = false;
  /** Status writes in order (a slow 'starting' must never land after 'running'). */
  private statusWrites: Promise<unknown> = Promise.resolve();
  /** Number of the newest status change; an older one is never retried over it. */
  private statusSeq = 0;
  private statusRetry: TimerHandle | null = null;
  /** Set by stop(): no status is retried after it. */
  private ended = false;

  constructor(private camera: Camera, private readonly deps: CameraRuntimeDeps) {
    const { clock, timers, random, settings } = deps;
    this.supervisor = new StreamSupervisor(this, clock, timers, random, settings.supervisor);
    this.motion = new MotionGate(settings.motion);
    this.policy = new AlertPolicy(settings.alerts);
    deps.scheduler.register(camera.id, (outcome) => this.detected(outcome));
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
          if (current()) this.deps.live?.cameraStarted(this.camera.id, info);
        },
        unit: (unit) => {
          if (!current()) return;
          this.counts.unitsIn++;
          this.streamMeter.record(this.deps.clock.now().getTime());
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
    this.stopHeartbeat();
    this.stopDecoder();
    const feed = this.feed;
    this.feed = null;
    this.deps.live?.cameraStopped(this.camera.id);
    feed?.stop().catch((e: unknown) => this.deps.log.warn(`camera ${this.camera.id}: stopping feed failed: ${String(e)}`));
  }

  status(status: CameraStatus, error?: string): void {
    if (this.keepStatus) return;
    if (status === 'running') this.startHeartbeat();
    this.writeStatus(++this.statusSeq, status, error);
  }

  /**
   * Stores and publishes a status. When the database fails, viewers still get the change (from this
   * session's copy of the camera) and the write is tried again every heartbeat until it is stored,
   * a newer status replaces it or the camera is stopped (a failed final 'stopped' is not retried:
   * a new session for the camera may be writing by then).
   */
  private writeStatus(seq: number, status: CameraStatus, error?: string): void {
    if (this.statusRetry) this.deps.timers.clearTimeout(this.statusRetry);
    this.statusRetry = null;
    this.statusWrites = this.statusWrites
      .then(() => this.deps.status.setStatus(this.camera.id, status, error, this.camera))
      .catch((e: unknown) => {
        const retry = !this.ended && seq === this.statusSeq;
        this.deps.log.warn(`camera ${this.camera.id}: status update failed${retry ? ', will retry' : ''}: ${String(e)}`);
        if (!retry) return;
        this.statusRetry = this.deps.timers.setTimeout(() => {
          this.statusRetry = null;
          if (!this.ended && seq === this.statusSeq) this.writeStatus(seq, status, error);
        }, this.deps.settings.heartbeatMs);
      });
  }

  /** Resolves once every status change so far is stored and published. */
  statusSettled(): Promise<unknown> {
    return this.statusWrites;
  }

  /** Applies new settings; FPS or detection changes restart only the decoder. */
  reconfigure(camera: Camera): void {
    const before = this.camera;
    this.camera = camera;
    if (before.fps === camera.fps && before.detectionEnabled === camera.detectionEnabled) return;
    this.policy.reset();
    this.motion.reset();
    this.stopDecoder();
    if (this.feed) this.startDecoder();
  }

  async stop(options: { keepStatus?: boolean } = {}): Promise<void> {
    this.keepStatus = options.keepStatus ?? false;
    this.supervisor.stop();
    this.ended = true;
    if (this.statusRetry) this.deps.timers.clearTimeout(this.statusRetry);
    this.statusRetry = null;
    this.deps.scheduler.unregister(this.camera.id);
  }

  counters(): CameraCounters {
    const s = this.deps.scheduler.stats(this.camera.id);
    const now = this.deps.clock.now().getTime();
    return {
      ...this.counts,
      skipped: s.skipped,
      failed: s.failed,
      reconnects: this.supervisor.reconnects,
      processingFps: Math.round(this.currentFps(now) * 10) / 10,
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
    this.meter.record(this.deps.clock.now().getTime());
    if (!this.motion.shouldDetect(frame, frame.capturedAt, this.policy.activeTracks > 0)) {
      this.counts.motionSkipped++;
      return;
    }
    // A frame that may confirm a face goes ahead of other cameras' frames: alerts come sooner under load.
    this.deps.scheduler.offer(this.camera.id, frame, this.policy.awaitingConfirmation(frame.capturedAt));
  }

  private detected({ frame, result }: DetectionOutcome): void {
    if (this.closed || !this.camera.detectionEnabled) return;
    this.counts.processed++;
    this.deps.publisher.publishDetections({
      cameraId: this.camera.id,
      ts: new Date(frame.capturedAt).toISOString(),
      pts90k: frame.pts90k,
      frameWidth: frame.width,
      frameHeight: frame.height,
      boxes: result.faces.map(roundBox),
    });
    // A live view that draws the boxes into the video gets every result, an empty one included.
    this.deps.live?.detections?.(this.camera.id, {
      frameWidth: frame.width,
      frameHeight: frame.height,
      capturedAt: frame.capturedAt,
      pts90k: frame.pts90k,
      boxes: result.faces.map((face) => ({ ...face })),
    });
    const decision = this.policy.update(result.faces, frame.capturedAt);
    if (decision) void this.raise(frame, decision, result.faces);
  }

  private async raise(frame: DecodedFrame, decision: FaceAlertDecision, faces: FaceBox[]): Promise<void> {
    try {
      const key = await this.snapshot(frame, faces);
      await this.deps.alerts.record(this.camera, {
        timestamp: new Date(frame.capturedAt),
        bbox: roundBox(decision.box),
        snapshotUrl: null,
        snapshotKey: key,
        meta: { score: round3(decision.score), frameWidth: frame.width, frameHeight: frame.height, faces: decision.faces, trackId: decision.trackId },
      });
      this.counts.alerts++;
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera.id}: alert not recorded: ${String(e)}`);
    }
  }

  /** An alert without its picture is better than no alert: a failed snapshot only loses the picture. */
  private async snapshot(frame: DecodedFrame, faces: FaceBox[]): Promise<string | null> {
    try {
      return await this.deps.snapshots.save(this.camera.id, await this.deps.renderer.render(frame, faces));
    } catch (e) {
      this.deps.log.warn(`camera ${this.camera.id}: snapshot not saved: ${String(e)}`);
      return null;
    }
  }

  private currentFps(now: number): number {
    return this.camera.detectionEnabled ? this.meter.perSecond(now) : this.streamMeter.perSecond(now);
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = this.deps.timers.setTimeout(() => {
      this.heartbeat = null;
      if (this.closed) return;
      const running: Camera = { ...this.camera, status: 'running', lastError: null };
      this.deps.status.reportFps(running, this.currentFps(this.deps.clock.now().getTime()));
      this.startHeartbeat();
    }, this.deps.settings.heartbeatMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) this.deps.timers.clearTimeout(this.heartbeat);
    this.heartbeat = null;
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const roundBox = <T extends { x: number; y: number; width: number; height: number }>(b: T): T => ({
  ...b,
  x: Math.round(b.x),
  y: Math.round(b.y),
  width: Math.round(b.width),
  height: Math.round(b.height),
  ...('score' in b ? { score: round3((b as unknown as { score: number }).score) } : {}),
});
