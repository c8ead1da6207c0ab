import type { DiskSpace } from '@argus/domain';
import type { OpenRecordingFile } from '@argus/adapters/media/record';

/** Continuous segments and their index (a `SegmentStore`: FileSegmentStore under RECORDINGS_DIR). */
export const SEGMENT_STORE = Symbol('SegmentStore');
/** Event clips in the media store (a `ClipStore`). */
export const CLIP_STORE = Symbol('ClipStore');
/** The disk of RECORDINGS_DIR (a `DiskSpace`). */
export const RECORDINGS_DISK = Symbol('RecordingsDisk');
/** Tests only: what the recordings' files are opened with and the disk they see. */
export const RECORDING_OVERRIDES = Symbol('RecordingOverrides');

export interface RecordingOverrides {
  /** Opens each recording file (a test hands in one whose writes fail as on a full disk). */
  openFile?: OpenRecordingFile;
  disk?: DiskSpace;
  /** How often retention runs (default every minute). */
  retentionIntervalMs?: number;
}
