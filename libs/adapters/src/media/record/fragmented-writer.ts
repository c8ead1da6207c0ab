import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EncodedVideoUnit } from '@argus/domain';
import { avcSample, fragmentedHeader, sampleFragment, type AvcTrackInfo, type FragmentSample } from './mp4';
import { sampleIndexBox } from './sample-index';

/** 15 fps: the duration given to a sample whose own cannot be known (the first of a stream that ends). */
export const DEFAULT_SAMPLE_DURATION = 6000;
/** A step between two units longer than this is a jump in the camera's clock, not a frame's duration. */
const MAX_SAMPLE_DURATION = 90_000 * 5;
/** Bytes waiting for a disk that does not keep up, at most: beyond, the file fails rather than fill the memory. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/** Opens a new file for writing (it must not exist yet). Tests hand in one whose writes fail. */
export type OpenRecordingFile = (path: string) => Promise<FileHandle>;

export const openNewFile: OpenRecordingFile = (path) => open(path, 'wx');

/** What a closed file holds. */
export interface WrittenFile {
  path: string;
  track: AvcTrackInfo;
  samples: FragmentSample[];
  bytes: number;
  /** 90 kHz ticks from the first sample's start to the last one's end. */
  duration90k: number;
}

/**
 * Writes H.264 access units as they arrive into a fragmented MP4 file: the header first, then one
 * movie fragment per unit, so that whatever was written before a crash is a playable file once cut
 * at its last whole fragment. A closed file ends with the index of its samples (`sample-index`). A unit is written when the next one arrives (its duration is the
 * step between their timestamps). Writes are queued and sent together; the first failure (disk
 * full) is reported once and ends the file: later units are dropped.
 */
export class FragmentedMp4Writer {
  private readonly samples: FragmentSample[] = [];
  private held: EncodedVideoUnit | null = null;
  private lastDuration = DEFAULT_SAMPLE_DURATION;
  private decodeTime = 0;
  private offset = 0;
  private sequence = 0;
  private queue: Uint8Array[] = [];
  private queued = 0;
  private writing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;

  private readonly handle: Promise<FileHandle | null>;

  /** Creates the file (it must not exist; its folder is made) and queues its header; a file that cannot be created is the first failure. */
  constructor(
    readonly path: string,
    readonly track: AvcTrackInfo,
    private readonly onError: (error: Error) => void,
    openFile: OpenRecordingFile = openNewFile,
  ) {
    this.handle = mkdir(dirname(path), { recursive: true }).then(() => openFile(path)).catch((error: Error) => {
      this.fail(error);
      return null;
    });
    this.enqueue([fragmentedHeader(track)]);
  }

  get failed(): Error | null {
    return this.failure;
  }

  /** Bytes queued or written so far (the sample index included once closed). */
  get bytes(): number {
    return this.offset;
  }

  /** 90 kHz ticks of the samples written so far (not counting the unit held back). */
  get duration90k(): number {
    return this.decodeTime;
  }

  write(unit: EncodedVideoUnit): void {
    if (this.closed || this.failure) return;
    if (this.held) this.writeSample(this.held, this.stepTo(unit.pts90k));
    this.held = unit;
  }

  /**
   * Writes the unit held back, with the duration up to `nextPts` (the unit that starts the next
   * file) or else the previous one's; then flushes, syncs and closes the file.
   */
  async close(nextPts?: number): Promise<WrittenFile> {
    if (!this.closed) {
      if (this.held && !this.failure) this.writeSample(this.held, nextPts === undefined ? this.lastDuration : this.stepTo(nextPts));
      this.held = null;
      this.closed = true;
      if (!this.failure) this.enqueue([sampleIndexBox(this.samples)]);
    }
    await this.drain();
    const handle = await this.handle;
    if (handle && !this.failure) await handle.sync().catch((e: Error) => this.fail(e));
    await handle?.close().catch(() => undefined);
    return { path: this.path, track: this.track, samples: this.samples, bytes: this.offset, duration90k: this.decodeTime };
  }

  private stepTo(pts: number): number {
    const step = pts - (this.held as EncodedVideoUnit).pts90k;
    if (step > 0 && step <= MAX_SAMPLE_DURATION) this.lastDuration = step;
    return this.lastDuration;
  }

  private writeSample(unit: EncodedVideoUnit, duration: number): void {
    const sample = avcSample(unit.data);
    const parts = sampleFragment(++this.sequence, this.decodeTime, duration, unit.keyframe, sample);
    const before = parts[0].length + parts[1].length;
    this.samples.push({ offset: this.offset + before, size: sample.length, decodeTime: this.decodeTime, duration, keyframe: unit.keyframe });
    this.decodeTime += duration;
    this.enqueue(parts);
  }

  private enqueue(parts: Uint8Array[]): void {
    for (const part of parts) {
      this.queue.push(part);
      this.offset += part.length;
      this.queued += part.length;
    }
    if (this.queued > MAX_QUEUED_BYTES) this.fail(new Error(`the disk does not keep up: over ${MAX_QUEUED_BYTES >> 20} MB waiting to be written`));
    if (!this.writing) this.writing = this.flush();
  }

  private async flush(): Promise<void> {
    const handle = await this.handle;
    while (handle && this.queue.length > 0 && !this.failure) {
      const batch = this.queue;
      this.queue = [];
      this.queued = 0;
      try {
        await writeAll(handle, batch);
      } catch (error) {
        this.fail(error as Error);
      }
    }
    this.queue = [];
    this.queued = 0;
    this.writing = null;
  }

  private async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.onError(error);
  }
}

/** writev until every byte is written (a short write continues where it stopped). */
async function writeAll(handle: FileHandle, buffers: Uint8Array[]): Promise<void> {
  let pending = buffers;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending);
    let skip = bytesWritten;
    const rest: Uint8Array[] = [];
    for (const buffer of pending) {
      if (skip >= buffer.length) {
        skip -= buffer.length;
      } else {
        rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
    }
    pending = rest;
  }
}
