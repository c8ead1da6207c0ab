/**
 * Container formats around H.264: MPEG-TS read (the feed's pipe from ffmpeg), FLV written (the
 * decoder's and the box burner's stdin) and read (the box burner's stdout), and the timestamp
 * unwrapping both need.
 */
export { MpegTsDemuxer, readTimestamp, type DemuxedUnit, type MpegTsDemuxerListener, type MpegTsDemuxerStats } from './mpegts/mpegts-demuxer';
export { StreamType, TS_PACKET_SIZE, type PmtStream } from './mpegts/mpegts-psi';
export { FlvMuxer } from './flv/flv-muxer';
export { FlvVideoReader, type FlvVideoFrame } from './flv/flv-video-reader';
export { TimestampUnwrapper, MPEGTS_TIMESTAMP_BITS, FLV_TIMESTAMP_BITS } from './timestamp-unwrapper';
