import type { Camera } from '../cameras/camera';
import type { CameraRuntimeDeps } from './camera-runtime-deps';
import { RateMeter } from './rate-meter';
import type { TimerHandle } from './timers';

export type CameraHeartbeatDeps = Pick<CameraRuntimeDeps, 'status' | 'timers' | 'clock'>;

/** What the heartbeat reads from its session when it beats. */
export interface HeartbeatSource {
  /** The session's current copy of the camera. */
  camera(): Camera;
  /** True while the session has no open connection: no beat is sent then. */
  closed(): boolean;
}

/**
 * The measured FPS of one camera and the camera_state heartbeat that carries it. Status changes
 * are rare, so while a camera runs viewers learn its live rate from this beat, every `intervalMs`.
 * The FPS is the frames the pipeline handled (decoded and examined) per second while detection is
 * on, and the units arriving from the camera per second while it is off.
 */
export class CameraHeartbeat {
  /** Frames the pipeline handled per second, the tile's "FPS". */
  private readonly frames = new RateMeter();
  /** Units arriving from the camera per second (the FPS shown while detection is off). */
  private readonly units = new RateMeter();
  private timer: TimerHandle | null = null;

  constructor(
    private readonly source: HeartbeatSource,
    private readonly deps: CameraHeartbeatDeps,
    private readonly intervalMs: number,
  ) {}

  unitArrived(): void {
    this.units.record(this.now());
  }

  frameHandled(): void {
    this.frames.record(this.now());
  }

  /** The FPS as the heartbeat reports it now. */
  fps(): number {
    const now = this.now();
    return this.source.camera().detectionEnabled ? this.frames.perSecond(now) : this.units.perSecond(now);
  }

  /** Beats every `intervalMs` from now on (already beating: nothing changes). */
  start(): void {
    if (this.timer) return;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      if (this.source.closed()) return;
      const running: Camera = { ...this.source.camera(), status: 'running', lastError: null };
      this.deps.status.reportFps(running, this.fps());
      this.start();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.timer) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
