/**
 * Recording: H.264 access units copied (never re-encoded) into MP4 written by Argus itself, for
 * continuous segments under RECORDINGS_DIR (with their index and exports) and event clips in the
 * media store. See `mp4/` for the boxes.
 */
export { FileSegmentStore, type FileSegmentStoreOptions } from './file-segment-store';
export { MediaClipStore } from './media-clip-store';
export { StatfsDiskSpace } from './disk-space';
export { FragmentedMp4Writer, openNewFile, type OpenRecordingFile, type WrittenFile } from './fragmented-writer';
export { streamProgressiveMp4, MissingSourceError } from './progressive-stream';
export { scanSegments, repairSegment, type SegmentFile } from './segment-files';
export * from './mp4';
