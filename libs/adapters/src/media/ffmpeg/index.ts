/**
 * ffmpeg behind the streams ports. Per running camera: one feed child (the single RTSP pull; H.264
 * copied, or transcoded once, into MPEG-TS on a pipe, demuxed here into access units with their
 * PTS and arrival time) and, while detection is on, one decoder child (those units as FLV on stdin,
 * RGB24 frames at the processing FPS on stdout, each matched to its unit's capture time through
 * showinfo). FPS changes and detection on/off only touch the decoder. A feed drops units with
 * damaged NAL units and ends when most of the last 10 s were damaged (a camera sending noise).
 */
export * from './ffmpeg-binary';
export type { FfmpegMediaOptions } from './ffmpeg-media-options';
export { FfmpegCameraFeedConnector, FfmpegCameraFeed } from './ffmpeg-camera-feed';
export { DamagedVideoMeter, isDamagedAccessUnit, DEFAULT_DAMAGED_VIDEO, type DamagedVideoOptions } from './damaged-video';
export { FfmpegFrameDecoderFactory, FfmpegFrameDecoder } from './ffmpeg-frame-decoder';
export type { FrameDecoderStats } from './ffmpeg-frame-decoder';
export { feedArgs, RTSP_PROTOCOL_WHITELIST, DEFAULT_IO_TIMEOUT_MS } from './feed-args';
export { decoderArgs } from './decoder-args';
