import type { CameraStatus } from '../cameras/camera';
import type { CameraFeed } from './camera-feed';
import type { CameraRuntimeDeps } from './camera-runtime-deps';
import type { EncodedVideoUnit, VideoStreamInfo } from './encoded-video';
import { StreamSupervisor, type SupervisedStream } from './stream-supervisor';

/**
 * Which pull of a camera: `main` (`rtspUrl`: live view, recording, and detection unless the camera
 * has a detection stream) or `detection` (`detectRtspUrl`: only decoded for detection).
 */
export type SessionStreamRole = 'main' | 'detection';

/** What one pull tells its session; events of a connection that was replaced never arrive. */
export interface SessionStreamEvents {
  /** A connection was just opened (each attempt). */
  opened(): void;
  info(info: VideoStreamInfo): void;
  unit(unit: EncodedVideoUnit): void;
  /** The open connection was closed: it failed, the watchdog restarted it or it was stopped. */
  closed(): void;
  /** The supervisor's status for this pull alone (the session makes the camera's from them). */
  status(status: CameraStatus, error?: string): void;
}

export type SessionStreamDeps = Pick<CameraRuntimeDeps, 'feeds' | 'clock' | 'timers' | 'random' | 'settings' | 'log'>;

/**
 * One supervised RTSP pull of a camera: its feed, reconnected with backoff and restarted by the
 * watchdog when it goes silent. A camera with a detection stream has two of them, supervised alike.
 */
export class SessionStream implements SupervisedStream {
  readonly supervisor: StreamSupervisor;
  private feed: CameraFeed | null = null;
  /** Supervisor generation of the open connection. */
  private generation = 0;
  private connected = false;
  /** Units received over every connection. */
  units = 0;

  constructor(
    readonly role: SessionStreamRole,
    private readonly cameraId: string,
    readonly url: string,
    private readonly deps: SessionStreamDeps,
    private readonly events: SessionStreamEvents,
  ) {
    const { clock, timers, random, settings } = deps;
    this.supervisor = new StreamSupervisor(this, clock, timers, random, settings.supervisor);
  }

  /** True while a connection is open (starting or running). */
  get isOpen(): boolean {
    return this.connected;
  }

  /** Failed, waiting for its reconnect. */
  get waiting(): boolean {
    return this.supervisor.current === 'waiting';
  }

  /** Called by the supervisor: connects (again); events must carry `generation`. */
  open(generation: number): void {
    this.generation = generation;
    // A feed being stopped may still deliver what it had buffered: only the current one counts,
    // or old units would reach the live view or the decoder after it was closed.
    const current = () => this.connected && this.generation === generation;
    this.connected = true;
    try {
      this.feed = this.deps.feeds.connect(
        { cameraId: this.cameraId, url: this.url, transport: this.deps.settings.transport },
        {
          info: (info) => {
            if (current()) this.events.info(info);
          },
          unit: (unit) => {
            if (!current()) return;
            this.units++;
            this.supervisor.data(generation);
            this.events.unit(unit);
          },
          ended: (reason) => this.supervisor.ended(generation, reason ?? 'the stream ended'),
        },
      );
    } catch (e) {
      this.connected = false;
      throw e;
    }
    this.events.opened();
  }

  close(): void {
    if (!this.connected) return;
    this.connected = false;
    const feed = this.feed;
    this.feed = null;
    this.events.closed();
    const what = this.role === 'main' ? 'feed' : 'detection feed';
    feed?.stop().catch((e: unknown) => this.deps.log.warn(`camera ${this.cameraId}: stopping ${what} failed: ${String(e)}`));
  }

  status(status: CameraStatus, error?: string): void {
    this.events.status(status, error);
  }
}
