import type { EncodedVideoUnit } from '../streams/encoded-video';

/** Reports a write that failed (a full disk, a missing folder); called at most once per file. */
export type WriteFailed = (error: Error) => void;

/** One file of a camera's video being written; units are handed over as they arrive. */
export interface VideoFileWriter {
  write(unit: EncodedVideoUnit): void;
}

/** A continuous-recording segment being written. */
export interface SegmentWriter extends VideoFileWriter {
  /** Ends the segment; `nextPts` is the unit that starts the next one, so the two join exactly. */
  close(nextPts?: number): Promise<void>;
}

/** A recorded stretch of a camera's video, as the index knows it. */
export interface RecordedSpan {
  start: Date;
  end: Date;
  bytes: number;
}

/** The video of a time span, ready to be sent (an MP4 whose size is known before the first byte). */
export interface RecordingVideo {
  /** The span it really covers: from the keyframe at or before the asked start to the last frame before its end. */
  start: Date;
  end: Date;
  size: number;
  contentType: string;
  /** Changes whenever the bytes would (a segment added or deleted): a browser's range requests stay consistent. */
  etag: string;
  /** Bytes `start` to `end`, inclusive. */
  read(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** A segment as retention sees it. */
export interface StoredSegment {
  cameraId: string;
  start: number;
  end: number;
  bytes: number;
}

/**
 * Continuous recordings: short segment files (each starting at a keyframe) and the index of their
 * spans, which always agrees with the files (the index is rebuilt from them at start-up).
 */
export interface SegmentStore {
  /**
   * A new segment starting with the keyframe `first` (with its parameter sets) at wall-clock time
   * `startAt` (ms); null when `first` cannot start a file (no SPS/PPS in it).
   */
  begin(cameraId: string, first: EncodedVideoUnit, startAt: number, failed: WriteFailed): SegmentWriter | null;
  /** Recorded spans that overlap [from, to] (segments that follow each other joined), oldest first. */
  spans(cameraId: string, from?: Date, to?: Date): Promise<RecordedSpan[]>;
  /** The video between `from` and `to` cut at keyframes and joined, or null when nothing is recorded there. */
  video(cameraId: string, from: Date, to: Date): Promise<RecordingVideo | null>;
  /** Resolves once the segments of earlier runs are indexed (until then the figures below miss them). */
  loaded(): Promise<void>;
  /** Bytes of all closed segments. */
  usedBytes(): number;
  /** Bytes of the segments being written (not deletable yet). */
  pendingBytes(): number;
  /** The oldest closed segment of any camera. */
  oldest(): StoredSegment | null;
  /** Deletes a closed segment (file and index entry). */
  delete(segment: StoredSegment): Promise<void>;
  deleteCamera(cameraId: string): Promise<void>;
}

/** An event clip being written; units are handed over until `finish`. */
export interface ClipWriter extends VideoFileWriter {
  /** Stores the clip (in the media store) and resolves with its size; null when nothing could be stored. */
  finish(): Promise<{ bytes: number } | null>;
  /** Drops what was written. */
  abort(): Promise<void>;
}

/** A stored clip as retention sees it. */
export interface StoredClip {
  key: string;
  bytes: number;
  /** When it was stored (ms since the epoch). */
  storedAt: number;
}

/** Event clips: MP4 objects in the media store (`clips/<cameraId>/<alertId>.mp4`). */
export interface ClipStore {
  /** Starts writing the clip to be stored under `key`. */
  begin(key: string, failed: WriteFailed): ClipWriter;
  usedBytes(): number;
  /** Bytes of the clips being recorded (not deletable yet). */
  pendingBytes(): number;
  oldest(): StoredClip | null;
  /** Clips stored before `time` (ms), oldest first. */
  storedBefore(time: number): StoredClip[];
  delete(key: string): Promise<void>;
  deleteCamera(cameraId: string): Promise<void>;
  /** True when the clips are on the disk of the recordings (a file media store): freeing them frees that disk. */
  readonly local: boolean;
}

/** The disk holding the recordings. */
export interface DiskSpace {
  check(): Promise<{ total: number; free: number }>;
}

/** The media key of an alert's clip. */
export function clipKey(cameraId: string, alertId: string): string {
  return `clips/${cameraId}/${alertId}.mp4`;
}

export const CLIPS_PREFIX = 'clips/';

/** A write that failed because the disk is full. */
export function isDiskFull(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOSPC';
}
