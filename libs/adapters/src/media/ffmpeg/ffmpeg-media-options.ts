import type { FfmpegBinary } from './ffmpeg-binary';

/** Settings shared by the feed connector and the decoder factory. */
export interface FfmpegMediaOptions {
  /** Where the ffmpeg binary comes from; defaults to FFMPEG_PATH / PATH / the packaged 4.1. */
  binary?: () => Promise<FfmpegBinary>;
  /** RTSP connect/read time-out (the feed only). */
  ioTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
}
