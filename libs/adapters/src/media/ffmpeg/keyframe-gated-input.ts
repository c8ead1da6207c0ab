import type { Writable } from 'node:stream';
import type { EncodedVideoUnit } from '@argus/domain';

export interface KeyframeGatedInputOptions {
  /** Units are dropped (up to the next keyframe) once ffmpeg has not taken its input for this long… */
  stallMs: number;
  /** …or this much is waiting for it, whichever comes first. */
  maxQueuedBytes: number;
  /** Units kept (from the last keyframe on) while ffmpeg starts, so its first keyframe is not lost. */
  maxPendingUnits: number;
}

/** Counters the owner reports (its stats object is updated in place). */
export interface GatedInputCounters {
  written: number;
  dropped: number;
}

/**
 * What goes into an ffmpeg child's stdin of camera video (the frame decoder, the box burner):
 * units are held from the last keyframe while the child starts; once it runs, a child that falls
 * behind loses units up to the next keyframe instead of queueing them, and after any loss writing
 * resumes only at a keyframe (a decoder fed a broken group of pictures shows garbage).
 */
export class KeyframeGatedInput {
  private pending: EncodedVideoUnit[] | null = [];
  private awaitingKeyframe = true;
  private congestedSince: number | null = null;

  constructor(
    private readonly counters: GatedInputCounters,
    private readonly options: KeyframeGatedInputOptions,
  ) {}

  /** True while units are being held for a child that is not running yet. */
  get holding(): boolean {
    return this.pending !== null;
  }

  /** Keep units from the next keyframe on until release() (a new child is starting). */
  holdFromNow(): void {
    this.pending = [];
  }

  /** Stop holding and return what was held, for the child that now runs; it starts at a keyframe. */
  release(): EncodedVideoUnit[] {
    const pending = this.pending ?? [];
    this.pending = null;
    this.awaitingKeyframe = true;
    return pending;
  }

  /** Forget what was held (the child will not come). */
  discard(): void {
    this.pending = null;
  }

  hold(unit: EncodedVideoUnit): void {
    const pending = this.pending ?? [];
    this.pending = pending;
    if (unit.keyframe || pending.length >= this.options.maxPendingUnits) {
      this.counters.dropped += pending.length;
      pending.length = 0;
    }
    if (pending.length > 0 || unit.keyframe) pending.push(unit);
    else this.counters.dropped++;
  }

  /** Whether `unit` may be written to `stdin` now; when not, it is counted as dropped. */
  admit(unit: EncodedVideoUnit, stdin: Writable | null): boolean {
    if (!stdin || this.congested(stdin)) {
      this.drop();
      return false;
    }
    if (this.awaitingKeyframe && !unit.keyframe) {
      this.counters.dropped++;
      return false;
    }
    return true;
  }

  /** The admitted unit was written. */
  wrote(): void {
    this.awaitingKeyframe = false;
    this.counters.written++;
  }

  /** A unit is lost: the next one written must be a keyframe. */
  drop(): void {
    this.awaitingKeyframe = true;
    this.counters.dropped++;
  }

  private congested(stdin: Writable): boolean {
    if (!stdin.writableNeedDrain) {
      this.congestedSince = null;
      return false;
    }
    this.congestedSince ??= Date.now();
    return Date.now() - this.congestedSince > this.options.stallMs || stdin.writableLength > this.options.maxQueuedBytes;
  }
}
