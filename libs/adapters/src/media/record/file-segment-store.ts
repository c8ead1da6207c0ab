import { rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EncodedVideoUnit, RecordedSpan, RecordingVideo, SegmentStore, SegmentWriter, StoredSegment, WriteFailed } from '@argus/domain';
import { FragmentedMp4Writer, type OpenRecordingFile, type WrittenFile } from './fragmented-writer';
import { avcTrackOf } from './mp4';
import { isSafeName, partPath, repairSegment, scanSegments, segmentPath, type SegmentFile } from './segment-files';
import { SegmentVideos } from './segment-videos';

/** Segments this close are one span (arrival jitter between a reconnect's segments is not a gap). */
const JOIN_GAP_MS = 1000;

export interface FileSegmentStoreOptions {
  log?: (message: string) => void;
  /** How segment files are opened (tests: one whose writes fail as on a full disk). */
  openFile?: OpenRecordingFile;
}

/**
 * Continuous recordings as files under RECORDINGS_DIR: `<cameraId>/<YYYY-MM-DD>/<start>-<end>.mp4`
 * (fragmented MP4, each starting at a keyframe), written as `<start>.part` and renamed once closed.
 * The index lives in memory and is read from the names at start-up (after the `.part` files left
 * by a crash are repaired), so it never disagrees with the files.
 */
export class FileSegmentStore implements SegmentStore {
  private readonly byCamera = new Map<string, SegmentFile[]>();
  private readonly writing = new Set<FragmentedMp4Writer>();
  private used = 0;
  private readonly videos: SegmentVideos;
  private readonly loading: Promise<void>;

  private constructor(readonly root: string, private readonly options: FileSegmentStoreOptions) {
    this.videos = new SegmentVideos();
    this.loading = this.load();
  }

  /**
   * The store at once (recording can start); the folder is read meanwhile (many days of many
   * cameras take a while), and the answers that need the index wait for it.
   */
  static open(root: string, options: FileSegmentStoreOptions = {}): FileSegmentStore {
    return new FileSegmentStore(root, options);
  }

  /** Resolves once the folder was read (the segments of earlier runs indexed, those cut short repaired). */
  loaded(): Promise<void> {
    return this.loading;
  }

  private async load(): Promise<void> {
    const paths = () => new Set([...this.writing].map((w) => w.path));
    try {
      const { segments, repaired, dropped } = await scanSegments(this.root, (path) => paths().has(path));
      for (const segment of segments) this.add(segment);
      if (repaired + dropped > 0) this.options.log?.(`recordings: ${repaired} segment(s) cut short by the last stop repaired, ${dropped} empty one(s) deleted`);
    } catch (error) {
      this.options.log?.(`recordings: ${this.root} could not be read: ${String(error)}`);
    }
  }

  begin(cameraId: string, first: EncodedVideoUnit, startAt: number, failed: WriteFailed): SegmentWriter | null {
    const track = avcTrackOf(first.data);
    if (!track || !isSafeName(cameraId)) return null;
    const start = Math.round(startAt);
    const writer = new FragmentedMp4Writer(partPath(this.root, cameraId, start), track, failed, this.options.openFile);
    writer.write(first);
    this.writing.add(writer);
    return {
      write: (unit) => writer.write(unit),
      close: async (nextPts) => {
        try {
          await this.closed(cameraId, start, writer, await writer.close(nextPts));
        } finally {
          this.writing.delete(writer);
        }
      },
    };
  }

  async spans(cameraId: string, from?: Date, to?: Date): Promise<RecordedSpan[]> {
    await this.loading;
    const spans: RecordedSpan[] = [];
    let current: { start: number; end: number; bytes: number } | null = null;
    for (const s of this.overlapping(cameraId, from?.getTime() ?? -Infinity, to?.getTime() ?? Infinity)) {
      if (current && s.start - current.end <= JOIN_GAP_MS) {
        current.end = Math.max(current.end, s.end);
        current.bytes += s.bytes;
      } else {
        if (current) spans.push(toSpan(current));
        current = { start: s.start, end: s.end, bytes: s.bytes };
      }
    }
    if (current) spans.push(toSpan(current));
    return spans;
  }

  async video(cameraId: string, from: Date, to: Date): Promise<RecordingVideo | null> {
    await this.loading;
    return this.videos.video(cameraId, this.overlapping(cameraId, from.getTime(), to.getTime()), from.getTime(), to.getTime());
  }

  usedBytes(): number {
    return this.used;
  }

  pendingBytes(): number {
    let bytes = 0;
    for (const writer of this.writing) bytes += writer.bytes;
    return bytes;
  }

  oldest(): StoredSegment | null {
    let oldest: SegmentFile | null = null;
    for (const list of this.byCamera.values()) {
      if (list[0] && (!oldest || list[0].start < oldest.start)) oldest = list[0];
    }
    return oldest;
  }

  async delete(segment: StoredSegment): Promise<void> {
    await this.loading;
    const list = this.byCamera.get(segment.cameraId) ?? [];
    const index = list.findIndex((s) => s.start === segment.start && s.end === segment.end);
    if (index < 0) return;
    const [removed] = list.splice(index, 1);
    this.used -= removed.bytes;
    this.videos.forget(removed.path);
    await rm(removed.path, { force: true });
    await rmdir(dirname(removed.path)).catch(() => undefined); // the day's folder, once empty
  }

  async deleteCamera(cameraId: string): Promise<void> {
    if (!isSafeName(cameraId)) return;
    await this.loading;
    for (const segment of this.byCamera.get(cameraId) ?? []) {
      this.used -= segment.bytes;
      this.videos.forget(segment.path);
    }
    this.byCamera.delete(cameraId);
    await rm(join(this.root, cameraId), { recursive: true, force: true });
  }

  /** Closed segments of a camera, in start order. */
  segmentsOf(cameraId: string): readonly SegmentFile[] {
    return this.byCamera.get(cameraId) ?? [];
  }

  private overlapping(cameraId: string, from: number, to: number): SegmentFile[] {
    return (this.byCamera.get(cameraId) ?? []).filter((s) => s.end > from && s.start <= to);
  }

  /** A closed writer: the file renamed to its span and indexed; one that failed is repaired like after a crash. */
  private async closed(cameraId: string, start: number, writer: FragmentedMp4Writer, written: WrittenFile): Promise<void> {
    if (writer.failed) {
      const repaired = await repairSegment(this.root, cameraId, start, written.path).catch(() => null);
      if (repaired) this.add(repaired);
      return;
    }
    if (written.samples.length === 0) {
      await rm(written.path, { force: true });
      return;
    }
    const end = start + Math.max(1, Math.round(written.duration90k / 90));
    const path = segmentPath(this.root, cameraId, start, end);
    await rename(written.path, path);
    this.add({ cameraId, start, end, bytes: written.bytes, path });
  }

  private add(segment: SegmentFile): void {
    let list = this.byCamera.get(segment.cameraId);
    if (!list) this.byCamera.set(segment.cameraId, (list = []));
    if (list.some((s) => s.path === segment.path)) return; // closed by this run while the folder was read
    // Usually the newest: insert from the end.
    let at = list.length;
    while (at > 0 && list[at - 1].start > segment.start) at--;
    list.splice(at, 0, segment);
    this.used += segment.bytes;
  }
}

function toSpan(span: { start: number; end: number; bytes: number }): RecordedSpan {
  return { start: new Date(span.start), end: new Date(span.end), bytes: span.bytes };
}
