import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CLIPS_PREFIX, isMediaKey, type ClipStore, type ClipWriter, type EncodedVideoUnit, type MediaStore, type StoredClip, type WriteFailed } from '@argus/domain';
import { FragmentedMp4Writer, type OpenRecordingFile } from './fragmented-writer';
import { avcTrackOf, planProgressiveMp4 } from './mp4';
import { streamProgressiveMp4 } from './progressive-stream';

const SPOOL_SUFFIX = '.part';
/** Listing the stored clips again after a failure (S3 away at start-up): 5 s, doubling up to 5 minutes. */
const LIST_RETRY_MS = [5000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000];

/**
 * Event clips in the media store (`clips/<cameraId>/<alertId>.mp4`, on disk or S3). A clip is
 * written as it is recorded into a fragmented file in a local spool folder (so a long clip never
 * sits in memory), then stored as a fast-start MP4 a browser plays from its first byte, and the
 * spool file goes. What the store holds is listed in the background at start-up (again later while
 * the store does not answer) and followed from then on.
 */
export class MediaClipStore implements ClipStore {
  private readonly clips = new Map<string, StoredClip>();
  private readonly writing = new Set<FragmentedMp4Writer>();
  private used = 0;
  /** Clips deleted before the listing came in: it must not bring them back. */
  private readonly deletedEarly = new Set<string>();
  private listed = false;
  private closed = false;
  private retryDelays = LIST_RETRY_MS;
  private listing: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private log: (message: string) => void = () => undefined;

  private constructor(
    private readonly media: MediaStore,
    private readonly spool: string,
    readonly local: boolean,
    private readonly now: () => number,
    private readonly openFile?: OpenRecordingFile,
  ) {}

  /** `local`: the media store is on the recordings' disk (MEDIA_STORE=file), so deleting clips frees it. */
  static async open(
    media: MediaStore,
    spool: string,
    options: { local: boolean; now?: () => number; openFile?: OpenRecordingFile; log?: (message: string) => void; listRetryMs?: number[] },
  ): Promise<MediaClipStore> {
    const store = new MediaClipStore(media, spool, options.local, options.now ?? Date.now, options.openFile);
    if (options.log) store.log = options.log;
    if (options.listRetryMs) store.retryDelays = options.listRetryMs;
    // Clips half-written when Argus stopped belong to no stored alert any more: they go.
    await rm(spool, { recursive: true, force: true });
    await mkdir(spool, { recursive: true });
    store.list(0);
    return store;
  }

  /** Resolves once the clips stored before this start were listed (it may take retries while S3 is away). */
  async loaded(): Promise<void> {
    while (!this.listed && !this.closed) await this.listing;
  }

  /** Stops listing again (shutdown). */
  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private list(attempt: number): void {
    this.listing = (async () => {
      const found: StoredClip[] = [];
      for await (const item of this.media.list(CLIPS_PREFIX)) {
        if (item.key.endsWith('.mp4')) found.push({ key: item.key, bytes: item.size, storedAt: item.lastModified });
      }
      for (const clip of found) if (!this.clips.has(clip.key) && !this.deletedEarly.has(clip.key)) this.remember(clip);
      this.listed = true;
      this.deletedEarly.clear();
    })().catch((error: unknown) => {
      if (this.closed) return;
      const delay = this.retryDelays[Math.min(attempt, this.retryDelays.length - 1)];
      this.log(`clips: the media store could not be listed (${String(error)}); trying again in ${delay / 1000} s`);
      this.retry = setTimeout(() => this.list(attempt + 1), delay);
      this.retry.unref();
      return new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
    });
  }

  begin(key: string, failed: WriteFailed): ClipWriter {
    if (!isMediaKey(key) || !key.startsWith(CLIPS_PREFIX)) throw new Error(`not a clip key: ${key}`);
    const path = join(this.spool, key.split('/').join('+') + SPOOL_SUFFIX);
    let writer: FragmentedMp4Writer | null = null;
    let done = false;
    return {
      write: (unit: EncodedVideoUnit) => {
        if (done) return;
        if (!writer) {
          // The clip starts at its first keyframe with parameter sets.
          const track = unit.keyframe ? avcTrackOf(unit.data) : null;
          if (!track) return;
          writer = new FragmentedMp4Writer(path, track, failed, this.openFile);
          this.writing.add(writer);
        }
        writer.write(unit);
      },
      finish: async () => {
        done = true;
        if (!writer) return null;
        const written = await writer.close();
        this.writing.delete(writer);
        try {
          if (writer.failed || written.samples.length === 0) return null;
          const layout = planProgressiveMp4(
            written.track,
            written.samples.map((s) => ({ size: s.size, duration: s.duration, keyframe: s.keyframe, source: path, offset: s.offset })),
          );
          await this.media.put(key, streamProgressiveMp4(layout), 'video/mp4');
          this.remember({ key, bytes: layout.size, storedAt: this.now() });
          return { bytes: layout.size };
        } catch (error) {
          failed(error as Error);
          return null;
        } finally {
          await rm(path, { force: true });
        }
      },
      abort: async () => {
        done = true;
        if (writer) {
          await writer.close();
          this.writing.delete(writer);
        }
        await rm(path, { force: true });
      },
    };
  }

  usedBytes(): number {
    return this.used;
  }

  pendingBytes(): number {
    let bytes = 0;
    for (const writer of this.writing) bytes += writer.bytes;
    return bytes;
  }

  oldest(): StoredClip | null {
    let oldest: StoredClip | null = null;
    for (const clip of this.clips.values()) if (!oldest || clip.storedAt < oldest.storedAt) oldest = clip;
    return oldest;
  }

  storedBefore(time: number): StoredClip[] {
    return [...this.clips.values()].filter((c) => c.storedAt < time).sort((a, b) => a.storedAt - b.storedAt);
  }

  async delete(key: string): Promise<void> {
    await this.media.delete(key);
    if (!this.listed) this.deletedEarly.add(key);
    this.forget(key);
  }

  async deleteCamera(cameraId: string): Promise<void> {
    const prefix = `${CLIPS_PREFIX}${cameraId}/`;
    if (!isMediaKey(`${CLIPS_PREFIX}${cameraId}`)) return;
    await this.media.deletePrefix(prefix);
    for (const key of [...this.clips.keys()]) {
      if (!key.startsWith(prefix)) continue;
      if (!this.listed) this.deletedEarly.add(key);
      this.forget(key);
    }
  }

  /** Spool files left (none once every clip under way is finished). */
  async spooled(): Promise<number> {
    return (await readdir(this.spool).catch(() => [])).length;
  }

  private remember(clip: StoredClip): void {
    this.forget(clip.key);
    this.clips.set(clip.key, clip);
    this.used += clip.bytes;
  }

  private forget(key: string): void {
    const known = this.clips.get(key);
    if (!known) return;
    this.clips.delete(key);
    this.used -= known.bytes;
  }
}
