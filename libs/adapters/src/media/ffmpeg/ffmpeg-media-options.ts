import type { FfmpegBinary, FfmpegLocation } from './ffmpeg-binary';

/**
 * Settings shared by the feed connector and the decoder factory. `ffmpegPath` (FFMPEG_PATH) and
 * `ffmpegSearchPath` (PATH) say which ffmpeg runs: see locateFfmpeg.
 */
export interface FfmpegMediaOptions extends FfmpegLocation {
  /** Where the ffmpeg binary comes from (tests); defaults to resolveFfmpegBinary of the location above. */
  binary?: () => Promise<FfmpegBinary>;
  /** RTSP connect/read time-out (the feed only). */
  ioTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
  /** The decoder drops units (up to the next keyframe) once its stdin has not drained for this long. */
  decoderStallMs?: number;
}
