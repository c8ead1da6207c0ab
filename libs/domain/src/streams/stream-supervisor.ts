import type { CameraStatus } from '../cameras/camera';
import type { Clock } from '../shared/clock';
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffPolicy } from './backoff';
import type { TimerHandle, Timers } from './timers';

export interface SupervisorOptions {
  backoff: BackoffPolicy;
  /** A stream that delivers nothing for this long is restarted. */
  watchdogMs: number;
  /** How often the watchdog looks (cheaper than re-arming a timer for every unit). */
  watchdogCheckMs: number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = { backoff: DEFAULT_BACKOFF, watchdogMs: 10_000, watchdogCheckMs: 1000 };

/** What the supervisor drives: it decides when, the owner knows how. */
export interface SupervisedStream {
  /** Open the connection; events of this attempt must be reported with the returned generation. */
  open(generation: number): void;
  close(): void;
  status(status: CameraStatus, error?: string): void;
}

/**
 * The life of one camera's connection: `starting → running`, and on failure `error` with an
 * exponential, jittered reconnect (1, 2, 4 … 60 s, reset after a healthy minute); a watchdog
 * restarts a stream that stops delivering. A camera stopped by the user never reconnects.
 */
export class StreamSupervisor {
  private generation = 0;
  private state: 'idle' | 'starting' | 'running' | 'waiting' | 'stopped' = 'idle';
  private attempt = 0;
  private runningSince = 0;
  private lastDataAt = 0;
  private reconnectTimer: TimerHandle | null = null;
  private watchdogTimer: TimerHandle | null = null;
  reconnects = 0;

  constructor(
    private readonly stream: SupervisedStream,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly random: () => number,
    private readonly options: SupervisorOptions = DEFAULT_SUPERVISOR_OPTIONS,
  ) {}

  get current(): string {
    return this.state;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.connect();
  }

  /** Data arrived on attempt `generation` (stale attempts are ignored). */
  data(generation: number): void {
    if (generation !== this.generation || (this.state !== 'starting' && this.state !== 'running')) return;
    const now = this.clock.now().getTime();
    this.lastDataAt = now;
    if (this.state === 'starting') {
      this.state = 'running';
      this.runningSince = now;
      this.stream.status('running');
    }
  }

  /** The connection of attempt `generation` ended on its own. */
  ended(generation: number, reason: string): void {
    if (generation !== this.generation || (this.state !== 'starting' && this.state !== 'running')) return;
    this.fail(reason);
  }

  stop(): void {
    if (this.state === 'stopped') return;
    const wasOpen = this.state === 'starting' || this.state === 'running';
    this.state = 'stopped';
    this.generation++;
    this.clearTimers();
    if (wasOpen) this.stream.close();
    this.stream.status('stopped');
  }

  private connect(): void {
    this.state = 'starting';
    this.generation++;
    this.lastDataAt = this.clock.now().getTime();
    this.stream.status('starting');
    // Armed before open(): a connection that fails inside open() clears it again in fail().
    this.armWatchdog();
    try {
      this.stream.open(this.generation);
    } catch (e) {
      // A connector that throws must not leave the camera in `starting` for good.
      if (this.state === 'starting') this.fail(`could not connect: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private fail(reason: string): void {
    const now = this.clock.now().getTime();
    if (this.state === 'running' && now - this.runningSince >= this.options.backoff.healthyAfterMs) this.attempt = 0;
    this.generation++;
    this.clearTimers();
    this.stream.close();
    const delay = reconnectDelayMs(this.attempt++, this.random, this.options.backoff);
    this.state = 'waiting';
    this.stream.status('error', `${reason}; reconnecting in ${Math.max(1, Math.round(delay / 1000))} s`);
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.state !== 'waiting') return;
      this.reconnects++;
      this.connect();
    }, delay);
  }

  private armWatchdog(): void {
    this.watchdogTimer = this.timers.setTimeout(() => {
      this.watchdogTimer = null;
      if (this.state !== 'starting' && this.state !== 'running') return;
      const silentMs = this.clock.now().getTime() - this.lastDataAt;
      if (silentMs >= this.options.watchdogMs) {
        this.fail(this.state === 'starting' ? `no video within ${this.options.watchdogMs / 1000} s` : `no video for ${Math.round(silentMs / 1000)} s`);
      } else {
        this.armWatchdog();
      }
    }, this.options.watchdogCheckMs);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) this.timers.clearTimeout(this.reconnectTimer);
    if (this.watchdogTimer) this.timers.clearTimeout(this.watchdogTimer);
    this.reconnectTimer = null;
    this.watchdogTimer = null;
  }
}
