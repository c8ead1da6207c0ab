import type { EncodedVideoUnit, LiveDetections, VideoStreamInfo } from '@argus/domain';
import type { Writable } from 'node:stream';
import { exitReason } from '../ffmpeg/exit-reason';
import { resolveFfmpegBinary, type FfmpegBinary, type FfmpegLocation } from '../ffmpeg/ffmpeg-binary';
import { FfmpegProcess, STOP_GRACE_MS, type FfmpegExit } from '../ffmpeg/ffmpeg-process';
import { FlvMuxer, FlvVideoReader, FLV_TIMESTAMP_BITS, TimestampUnwrapper } from '../container';
import { KeyframeGatedInput } from '../ffmpeg/keyframe-gated-input';
import { splitAnnexB, toAnnexB } from '../h264';
import { boxBurnerArgs } from './box-burner-args';
import { BoxOverlay, DEFAULT_CLEAR_AFTER_MS, OVERLAY_MAX_WIDTH, overlaySize } from './box-overlay';

/** `ffmpegPath` (FFMPEG_PATH) and `ffmpegSearchPath` (PATH) say which ffmpeg runs: see locateFfmpeg. */
export interface BoxBurnerOptions extends FfmpegLocation {
  /** Where the ffmpeg binary comes from (tests); defaults to resolveFfmpegBinary of the location above. */
  binary?: () => Promise<FfmpegBinary>;
  /** First pause before a dead ffmpeg is started again; it doubles up to `retryMaxMs`. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
  /** Boxes are cleared when no detection came for this long. */
  clearAfterMs?: number;
  /** Units are dropped (until the next keyframe) once ffmpeg has not taken its input for this long. */
  stallMs?: number;
  log?: (message: string) => void;
}

/** What the MediaMTX hub needs of a camera's burner (replaceable in tests). */
export interface LiveBoxBurner {
  push(unit: EncodedVideoUnit): void;
  detections(detections: LiveDetections): void;
  /** The camera's picture size changed (the feed announced the stream again). */
  resize(info: VideoStreamInfo): void;
  stop(): Promise<void>;
}

export interface BoxBurnerStats {
  /** Camera units written to ffmpeg. */
  written: number;
  /** Camera units dropped: no ffmpeg running, waiting for a keyframe, or ffmpeg behind. */
  dropped: number;
  /** Overlay frames written. */
  overlays: number;
  /** Re-encoded pictures handed on. */
  frames: number;
  /** ffmpeg children started after the first one died. */
  restarts: number;
}

const DEFAULT_STALL_MS = 500;
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** Units kept (from the last keyframe on) while the first ffmpeg starts, so its keyframe is not lost. */
const MAX_PENDING_UNITS = 120;
/** A child that ran this long was healthy: the next restart pauses only the minimum again. */
const HEALTHY_RUN_MS = 30_000;
/** Overlay size for a stream whose SPS Argus could not read (ffmpeg scales it to the picture anyway). */
const FALLBACK_OVERLAY = { width: OVERLAY_MAX_WIDTH, height: 360 };

function overlayFor(info: VideoStreamInfo) {
  return info.width > 0 && info.height > 0 ? overlaySize(info) : FALLBACK_OVERLAY;
}

/**
 * Boxes drawn into one camera's video: ONE ffmpeg child per running camera that decodes the
 * camera's H.264 once, composites the current face boxes and re-encodes once (see boxBurnerArgs).
 * Node paints the overlay frames (BoxOverlay) and writes one after every camera unit, so the
 * overlay input keeps pace with the video and the overlay filter never waits for it. The child is
 * restarted with a growing pause when it dies and killed by stop(); a child that falls behind
 * loses units up to the next keyframe instead of queueing them.
 */
export class BoxBurner implements LiveBoxBurner {
  readonly stats: BoxBurnerStats = { written: 0, dropped: 0, overlays: 0, frames: 0, restarts: 0 };
  private overlay: BoxOverlay;
  private child: BurnerProcess | null = null;
  /** Children being stopped (replaced after a size change): stop() waits for them too. */
  private readonly retiring = new Set<Promise<void>>();
  private readonly input: KeyframeGatedInput;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  /** Wall-clock ms of the time line the output timestamps are laid on (continuous across children). */
  private lastOutputMs = 0;

  constructor(
    info: VideoStreamInfo,
    private readonly output: (unit: EncodedVideoUnit) => void,
    private readonly options: BoxBurnerOptions = {},
  ) {
    this.overlay = new BoxOverlay(overlayFor(info), options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS);
    this.input = new KeyframeGatedInput(this.stats, {
      stallMs: options.stallMs ?? DEFAULT_STALL_MS,
      maxQueuedBytes: MAX_QUEUED_BYTES,
      maxPendingUnits: MAX_PENDING_UNITS,
    });
    this.retryMs = options.retryMinMs ?? 1000;
    void this.start();
  }

  /** The running ffmpeg child's pid. */
  get pid(): number | undefined {
    return this.child?.running ? this.child.pid : undefined;
  }

  detections(detections: LiveDetections): void {
    this.overlay.update(detections, Date.now());
  }

  push(unit: EncodedVideoUnit): void {
    if (this.stopped) return;
    if (this.input.holding) {
      this.input.hold(unit);
      return;
    }
    const child = this.child?.running ? this.child : null;
    if (!this.input.admit(unit, child?.video ?? null) || !child) return; // no child running: dropped too
    const tags = child.muxer.unit(splitAnnexB(unit.data), Date.now() - child.startedAt, unit.keyframe);
    if (!tags) {
      this.input.drop();
      return;
    }
    this.input.wrote();
    child.video.write(tags);
    // Right behind the picture: its wall-clock stamp is then later than the picture's, which lets
    // the overlay filter pass the picture at once (with the overlay before this one).
    this.writeOverlay(child);
  }

  /**
   * A new picture size: the overlay follows it and a new child starts at once (scale2ref and the
   * encoder keep the size they started with). Units are held from the next keyframe until it runs.
   */
  resize(info: VideoStreamInfo): void {
    const size = overlayFor(info);
    if (this.stopped || (size.width === this.overlay.size.width && size.height === this.overlay.size.height)) return;
    const previous = this.overlay;
    this.overlay = new BoxOverlay(size, this.options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS);
    previous.handOver(this.overlay);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const old = this.child;
    this.child = null;
    if (old) this.retire(old);
    this.input.holdFromNow();
    void this.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.input.discard();
    await Promise.all([this.child?.stop(this.options.stopGraceMs ?? STOP_GRACE_MS), ...this.retiring]);
  }

  private retire(child: BurnerProcess): void {
    const stopped = child.stop(this.options.stopGraceMs ?? STOP_GRACE_MS);
    this.retiring.add(stopped);
    void stopped.then(() => this.retiring.delete(stopped));
  }

  private async start(): Promise<void> {
    let binary: FfmpegBinary;
    try {
      binary = await (this.options.binary ?? (() => resolveFfmpegBinary(this.options)))();
    } catch (error) {
      this.died(`cannot start the box burner: ${(error as Error).message}`, 0);
      return;
    }
    if (this.stopped || this.child?.running) return;
    const child = new BurnerProcess(binary.path, boxBurnerArgs(this.overlay.size, binary.capabilities), (chunk) => this.read(child, chunk));
    this.child = child;
    child.overlay.on('drain', () => {
      if (child.overlayOwed) this.writeOverlay(child);
    });
    void child.exited.then((exit) => {
      if (this.stopped || this.child !== child) return;
      this.died(exitReason(exit, child.lastLines(), '', 'box burner'), Date.now() - child.startedAt);
    });
    for (const unit of this.input.release()) this.push(unit);
  }

  /** Logs, then starts a new child after a pause that grows while children keep dying young. */
  private died(reason: string, ranMs: number): void {
    this.input.discard();
    if (this.stopped) return;
    if (ranMs >= HEALTHY_RUN_MS) this.retryMs = this.options.retryMinMs ?? 1000;
    const pause = this.retryMs;
    this.retryMs = Math.min(this.options.retryMaxMs ?? 15_000, this.retryMs * 2);
    this.options.log?.(`box burner ended (${reason}); starting again in ${pause} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopped) return;
      this.stats.restarts++;
      void this.start();
    }, pause);
    this.restartTimer.unref();
  }

  private writeOverlay(child: BurnerProcess): void {
    if (!child.running) return;
    if (child.overlay.writableNeedDrain) {
      // Written once ffmpeg has taken the previous one: a skipped overlay would hold the next picture.
      child.overlayOwed = true;
      return;
    }
    child.overlayOwed = false;
    this.stats.overlays++;
    child.overlay.write(this.overlay.frame(Date.now()));
  }

  private read(child: BurnerProcess, chunk: Uint8Array): void {
    let frames;
    try {
      frames = child.reader.push(chunk);
    } catch (error) {
      this.options.log?.(`box burner output unreadable: ${(error as Error).message}`);
      void child.stop(this.options.stopGraceMs ?? STOP_GRACE_MS);
      return;
    }
    for (const frame of frames) {
      // ffmpeg's times are when it read each picture (wall clock, ms): laid on a time line that
      // starts where the previous child's ended, so the 90 kHz clock never jumps back. Two
      // pictures read in the same millisecond still get different times: an RTP receiver takes
      // packets with one timestamp for one picture.
      const elapsed = child.timeline.elapsed(frame.timestampMs);
      child.origin ??= Math.max(Date.now(), this.lastOutputMs + 1);
      const at = Math.max(child.origin + elapsed, this.lastOutputMs + 1);
      this.lastOutputMs = at;
      this.stats.frames++;
      if (this.stopped) continue;
      this.output({ data: toAnnexB(frame.nals), pts90k: at * 90, keyframe: frame.keyframe, receivedAt: at });
    }
  }
}

/**
 * One box-burner ffmpeg (an FfmpegProcess: argument array, no shell) with the video on stdin, the
 * overlay on fd 3 and FLV on stdout, and what belongs to that child: the FLV muxer of its input,
 * the reader of its output and the time line of its output times.
 */
class BurnerProcess {
  readonly startedAt = Date.now();
  readonly muxer = new FlvMuxer();
  readonly reader = new FlvVideoReader();
  readonly timeline = new TimestampUnwrapper(FLV_TIMESTAMP_BITS);
  origin: number | null = null;
  overlayOwed = false;
  private readonly process: FfmpegProcess;

  constructor(path: string, args: readonly string[], onOutput: (chunk: Uint8Array) => void) {
    this.process = new FfmpegProcess(path, args, { stdin: true, extraInputs: 1 });
    this.process.stdout.on('data', (chunk: Buffer) => onOutput(chunk));
  }

  get exited(): Promise<FfmpegExit> {
    return this.process.exited;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.running;
  }

  get video(): Writable {
    return this.process.stdin as Writable;
  }

  get overlay(): Writable {
    return this.process.input(3);
  }

  lastLines(): string[] {
    return this.process.lastLines();
  }

  stop(graceMs: number): Promise<void> {
    return this.process.stop(graceMs);
  }
}
