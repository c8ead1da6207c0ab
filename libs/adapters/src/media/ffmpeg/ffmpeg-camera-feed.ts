import type {
  CameraFeed,
  CameraFeedConnector,
  CameraFeedListener,
  CameraFeedSpec,
  VideoStreamInfo,
} from '@argus/domain';
import { DamagedVideoMeter, isDamagedAccessUnit } from './damaged-video';
import { exitReason, withoutCredentials } from './exit-reason';
import { DEFAULT_IO_TIMEOUT_MS, feedArgs } from './feed-args';
import { FfmpegBinary, resolveFfmpegBinary } from './ffmpeg-binary';
import type { FfmpegMediaOptions } from './ffmpeg-media-options';
import { FfmpegProcess, STOP_GRACE_MS } from './ffmpeg-process';
import { isKeyframe, parseSps, splitAnnexB } from '../h264';
import { DemuxedUnit, MpegTsDemuxer, StreamType } from '../container';
import { ParameterSets } from './parameter-sets';
import { ArrivalEstimate } from './arrival-estimate';
import { FeedUnit, PictureJoiner } from './picture-joiner';

/** Each camera's single RTSP pull: an ffmpeg child copying (or transcoding once) to MPEG-TS. */
export class FfmpegCameraFeedConnector implements CameraFeedConnector {
  constructor(private readonly options: FfmpegMediaOptions = {}) {}

  connect(spec: CameraFeedSpec, listener: CameraFeedListener): FfmpegCameraFeed {
    const feed = new FfmpegCameraFeed(spec, listener, this.options);
    void feed.start();
    return feed;
  }
}

export class FfmpegCameraFeed implements CameraFeed {
  private process: FfmpegProcess | null = null;
  /** The copying child being replaced by a transcoding one. */
  private replaced: Promise<void> | null = null;
  private stopped = false;
  private ended = false;
  private transcode = false;
  private parameterSets = new ParameterSets();
  private info: VideoStreamInfo | null = null;
  private readonly arrival = new ArrivalEstimate();
  private damage = new DamagedVideoMeter();
  private joiner = new PictureJoiner((unit) => this.picture(unit));

  constructor(
    private readonly spec: CameraFeedSpec,
    private readonly listener: CameraFeedListener,
    private readonly options: FfmpegMediaOptions,
  ) {}

  async start(): Promise<void> {
    let binary: FfmpegBinary;
    let args: string[];
    try {
      binary = await (this.options.binary ?? (() => resolveFfmpegBinary(this.options)))();
      args = this.args(binary);
    } catch (error) {
      this.end(withoutCredentials(`cannot start the camera feed: ${(error as Error).message}`, this.spec.url));
      return;
    }
    if (!this.stopped) this.spawn(binary, args);
  }

  /** The current ffmpeg child's pid, while it runs. */
  get pid(): number | undefined {
    return this.process?.running ? this.process.pid : undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.process?.stop(this.grace), this.replaced]);
    this.end(null);
  }

  private get grace(): number {
    return this.options.stopGraceMs ?? STOP_GRACE_MS;
  }

  private args(binary: FfmpegBinary): string[] {
    const ioTimeoutMs = this.options.ioTimeoutMs ?? DEFAULT_IO_TIMEOUT_MS;
    return feedArgs(this.spec, binary.capabilities, { transcode: this.transcode, ioTimeoutMs });
  }

  private spawn(binary: FfmpegBinary, args: string[]): void {
    const child = new FfmpegProcess(binary.path, args);
    this.process = child;
    this.parameterSets = new ParameterSets();
    this.info = null;
    this.damage = new DamagedVideoMeter();
    this.joiner = new PictureJoiner((unit) => this.picture(unit));
    const demuxer = new MpegTsDemuxer({
      program: ({ streamType }) => {
        if (streamType !== StreamType.H264 && !this.transcode) void this.restartTranscoding(binary, child);
      },
      unit: (unit) => {
        if (this.process === child && !this.stopped) this.unit(unit);
      },
    });
    child.stdout.on('data', (chunk: Buffer) => demuxer.push(chunk, Date.now()));
    void child.exited.then((exit) => {
      if (this.process !== child) return;
      demuxer.flush();
      if (!this.stopped) this.end(exitReason(exit, child.lastLines(), this.spec.url, 'camera feed'));
    });
  }

  /** The camera sends H.265, MJPEG…: reconnect once, encoding to H.264 for the live view. */
  private async restartTranscoding(binary: FfmpegBinary, current: FfmpegProcess): Promise<void> {
    this.transcode = true;
    this.process = null;
    this.replaced = current.stop(this.grace);
    await this.replaced;
    this.replaced = null;
    if (!this.stopped) this.spawn(binary, this.args(binary));
  }

  private unit(demuxed: DemuxedUnit): void {
    if (this.ended) return;
    const nals = splitAnnexB(demuxed.data);
    const damaged = isDamagedAccessUnit(nals);
    const broken = this.damage.record(damaged, demuxed.receivedAt);
    if (broken) {
      this.end(broken);
      void this.process?.stop(this.grace);
      return;
    }
    // Noise would garble the live view and the decoder, and is no sign of a working camera.
    if (damaged) return;
    this.joiner.push({ data: demuxed.data, nals, pts90k: demuxed.pts90k, receivedAt: demuxed.receivedAt });
  }

  /** One whole picture (see PictureJoiner). */
  private picture(unit: FeedUnit): void {
    if (this.ended) return;
    const { nals } = unit;
    const data = this.parameterSets.complete(unit.data, nals);
    const keyframe = isKeyframe(nals);
    if (keyframe) this.describe();
    // Nothing can be decoded or shown before the first keyframe with its parameter sets.
    if (!this.info) return;
    const receivedAt = this.arrival.of(unit.pts90k, unit.receivedAt);
    this.listener.unit({ data, pts90k: unit.pts90k, keyframe, receivedAt });
  }

  /** Announces the stream on its first keyframe, and again if the picture size changes. */
  private describe(): void {
    const sps = this.parameterSets.sps;
    if (!sps) return;
    const size = pictureSize(sps);
    if (this.info && this.info.width === size.width && this.info.height === size.height) return;
    this.info = { codec: 'h264', ...size, transcoded: this.transcode };
    this.listener.info(this.info);
  }

  private end(reason: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.listener.ended(reason);
  }
}

/** Width and height from the SPS; 0×0 for one Argus cannot read (the decoder finds out itself). */
function pictureSize(sps: Uint8Array): { width: number; height: number } {
  try {
    const { width, height } = parseSps(sps);
    return { width, height };
  } catch {
    return { width: 0, height: 0 };
  }
}
