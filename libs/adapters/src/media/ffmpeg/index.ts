export * from './ffmpeg-binary';
export type { FfmpegMediaOptions } from './ffmpeg-media-options';
export { FfmpegCameraFeedConnector, FfmpegCameraFeed } from './ffmpeg-camera-feed';
export { FfmpegFrameDecoderFactory, FfmpegFrameDecoder } from './ffmpeg-frame-decoder';
export type { FrameDecoderStats } from './ffmpeg-frame-decoder';
export { feedArgs, RTSP_PROTOCOL_WHITELIST, DEFAULT_IO_TIMEOUT_MS } from './feed-args';
export { decoderArgs } from './decoder-args';
export { MpegTsDemuxer } from './mpegts-demuxer';
export type { DemuxedUnit, MpegTsDemuxerListener } from './mpegts-demuxer';
