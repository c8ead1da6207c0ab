import type {
  EncodedVideoUnit,
  FrameDecoder,
  FrameDecoderFactory,
  FrameDecoderListener,
  FrameDecoderSpec,
} from '@argus/domain';
import { decoderArgs } from './decoder-args';
import { DecoderTimeline } from './decoder-timeline';
import { exitReason } from './exit-reason';
import { FfmpegBinary, resolveFfmpegBinary } from './ffmpeg-binary';
import type { FfmpegMediaOptions } from './ffmpeg-media-options';
import { FfmpegProcess, STOP_GRACE_MS } from './ffmpeg-process';
import { KeyframeGatedInput } from './keyframe-gated-input';
import { FlvMuxer } from '../container';
import { splitAnnexB } from '../h264';
import { FrameHeader, parseShowinfo, RawFrameReader, RGB_CHANNELS } from './raw-frame-reader';

export interface FrameDecoderStats {
  /** Units written to ffmpeg. */
  written: number;
  /** Units dropped: before the first keyframe, or while ffmpeg's stdin was not draining. */
  dropped: number;
  frames: number;
  /** Decoded frames whose capture time could not be found (not delivered). */
  untimed: number;
}

/** Units are dropped (up to the next keyframe) once ffmpeg has not taken its input for this long… */
const DEFAULT_STALL_MS = 1000;
/** …or this much is waiting for it, whichever comes first. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** Units kept (from the last keyframe on) while ffmpeg starts, so its first keyframe is not lost. */
const MAX_PENDING_UNITS = 300;

/** Decodes a camera's H.264 into RGB frames at the processing FPS: a second ffmpeg child on stdin. */
export class FfmpegFrameDecoderFactory implements FrameDecoderFactory {
  constructor(private readonly options: FfmpegMediaOptions = {}) {}

  create(spec: FrameDecoderSpec, listener: FrameDecoderListener): FfmpegFrameDecoder {
    const decoder = new FfmpegFrameDecoder(spec, listener, this.options);
    void decoder.start();
    return decoder;
  }
}

export class FfmpegFrameDecoder implements FrameDecoder {
  readonly stats: FrameDecoderStats = { written: 0, dropped: 0, frames: 0, untimed: 0 };
  private child: FfmpegProcess | null = null;
  private stopped = false;
  private ended = false;
  private readonly input: KeyframeGatedInput;
  private size: { width: number; height: number } | null = null;
  private readonly muxer = new FlvMuxer();
  private readonly timeline = new DecoderTimeline();
  private readonly reader = new RawFrameReader((header, data) => this.frame(header, data));

  constructor(
    private readonly spec: FrameDecoderSpec,
    private readonly listener: FrameDecoderListener,
    private readonly options: FfmpegMediaOptions,
  ) {
    this.input = new KeyframeGatedInput(this.stats, {
      stallMs: options.decoderStallMs ?? DEFAULT_STALL_MS,
      maxQueuedBytes: MAX_QUEUED_BYTES,
      maxPendingUnits: MAX_PENDING_UNITS,
    });
  }

  async start(): Promise<void> {
    let binary: FfmpegBinary;
    let args: string[];
    try {
      binary = await (this.options.binary ?? (() => resolveFfmpegBinary(this.options)))();
      args = decoderArgs(this.spec, binary.capabilities);
    } catch (error) {
      this.end(`cannot start the frame decoder: ${(error as Error).message}`);
      return;
    }
    if (this.stopped) return;
    const child = new FfmpegProcess(binary.path, args, { stdin: true, onStderrLine: (line) => this.stderrLine(line) });
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => this.reader.data(chunk));
    for (const unit of this.input.release()) this.push(unit);
    void child.exited.then((exit) => {
      if (!this.stopped) this.end(exitReason(exit, child.lastLines(), '', 'frame decoder'));
    });
  }

  /** Writes the unit unless ffmpeg is behind: then units are dropped until a keyframe finds it ready. */
  push(unit: EncodedVideoUnit): void {
    if (this.stopped || this.ended) return;
    if (this.input.holding) {
      this.input.hold(unit);
      return;
    }
    const stdin = this.child?.running ? this.child.stdin : null;
    if (!this.input.admit(unit, stdin) || !stdin) return; // no child running: dropped too
    const ms = this.timeline.stamp(unit.pts90k, unit.receivedAt);
    const tags = this.muxer.unit(splitAnnexB(unit.data), ms, unit.keyframe);
    if (!tags) {
      this.input.drop();
      return;
    }
    this.input.wrote();
    stdin.write(tags);
  }

  /** Bytes written but not yet taken by ffmpeg. */
  get queuedBytes(): number {
    return this.child?.stdin?.writableLength ?? 0;
  }

  /** The ffmpeg child's pid, while it runs. */
  get pid(): number | undefined {
    return this.child?.running ? this.child.pid : undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.child?.stop(this.options.stopGraceMs ?? STOP_GRACE_MS);
    this.end(null);
  }

  /** showinfo lines describe frames; other lines are kept for the exit reason only if errors. */
  private stderrLine(line: string): boolean {
    const header = parseShowinfo(line);
    if (!header) return !/\[(error|fatal)\]/.test(line);
    this.size ??= { width: header.width, height: header.height };
    if (header.width === this.size.width && header.height === this.size.height) {
      this.reader.header(header);
    } else if (!this.ended) {
      // ffmpeg keeps writing frames at the first size (the raw "encoder" is not reopened): only a
      // new decoder gives correct pixels, so this one ends and lets its owner start another.
      const change = `${this.size.width}x${this.size.height} to ${header.width}x${header.height}`;
      this.end(`frame decoder: the picture size changed from ${change}`);
      void this.child?.stop(this.options.stopGraceMs ?? STOP_GRACE_MS);
    }
    return true;
  }

  private frame(header: FrameHeader | null, data: Uint8Array): void {
    if (this.stopped) return;
    const captured = header ? this.timeline.take(header.pts) : null;
    if (!header || !captured) {
      this.stats.untimed++;
      return;
    }
    this.stats.frames++;
    this.listener.frame({
      width: header.width,
      height: header.height,
      channels: RGB_CHANNELS,
      data,
      capturedAt: captured.receivedAt,
      pts90k: captured.pts90k,
    });
  }

  private end(reason: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.listener.ended(reason);
  }
}
