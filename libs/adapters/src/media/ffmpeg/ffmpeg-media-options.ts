import type { FfmpegBinary } from './ffmpeg-binary';

/** Settings shared by the feed connector and the decoder factory. */
export interface FfmpegMediaOptions {
  /** Where the ffmpeg binary comes from; defaults to FFMPEG_PATH / PATH / the packaged 4.1. */
  binary?: () => Promise<FfmpegBinary>;
  /** RTSP connect/read time-out (the feed only). */
  ioTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
  /** The decoder drops units (up to the next keyframe) once its stdin has not drained for this long. */
  decoderStallMs?: number;
}
