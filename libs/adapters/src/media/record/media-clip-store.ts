import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CLIPS_PREFIX, isMediaKey, type ClipStore, type ClipWriter, type EncodedVideoUnit, type MediaStore, type StoredClip, type WriteFailed } from '@argus/domain';
import { FragmentedMp4Writer, type OpenRecordingFile } from './fragmented-writer';
import { avcTrackOf, planProgressiveMp4 } from './mp4';
import { streamProgressiveMp4 } from './progressive-stream';

const SPOOL_SUFFIX = '.part';

/**
 * Event clips in the media store (`clips/<cameraId>/<alertId>.mp4`, on disk or S3). A clip is
 * written as it is recorded into a fragmented file in a local spool folder (so a long clip never
 * sits in memory), then stored as a fast-start MP4 a browser plays from its first byte, and the
 * spool file goes. What the store holds is listed once at start-up and followed from then on.
 */
export class MediaClipStore implements ClipStore {
  private readonly clips = new Map<string, StoredClip>();
  private readonly writing = new Set<FragmentedMp4Writer>();
  private used = 0;

  private constructor(
    private readonly media: MediaStore,
    private readonly spool: string,
    readonly local: boolean,
    private readonly now: () => number,
    private readonly openFile?: OpenRecordingFile,
  ) {}

  /** `local`: the media store is on the recordings' disk (MEDIA_STORE=file), so deleting clips frees it. */
  static async open(media: MediaStore, spool: string, options: { local: boolean; now?: () => number; openFile?: OpenRecordingFile }): Promise<MediaClipStore> {
    const store = new MediaClipStore(media, spool, options.local, options.now ?? Date.now, options.openFile);
    // Clips half-written when Argus stopped belong to no stored alert any more: they go.
    await rm(spool, { recursive: true, force: true });
    await mkdir(spool, { recursive: true });
    for await (const item of media.list(CLIPS_PREFIX)) {
      if (item.key.endsWith('.mp4')) store.remember({ key: item.key, bytes: item.size, storedAt: item.lastModified });
    }
    return store;
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
    this.forget(key);
  }

  async deleteCamera(cameraId: string): Promise<void> {
    const prefix = `${CLIPS_PREFIX}${cameraId}/`;
    if (!isMediaKey(`${CLIPS_PREFIX}${cameraId}`)) return;
    await this.media.deletePrefix(prefix);
    for (const key of [...this.clips.keys()]) if (key.startsWith(prefix)) this.forget(key);
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
