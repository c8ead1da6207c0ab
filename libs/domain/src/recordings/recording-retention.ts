import type { Clock } from '../shared/clock';
import type { ClipStore, DiskSpace, SegmentStore } from './recording-ports';

export interface RetentionSettings {
  /** Continuous segments older than this go (RETAIN_CONTINUOUS_DAYS). */
  continuousDays: number;
  /** Event clips older than this go (RETAIN_EVENTS_DAYS). */
  eventsDays: number;
  /** RECORDINGS_MAX_GB in bytes; null: keep `minFreeFraction` of the disk free instead. */
  maxBytes: number | null;
  /** Share of the disk kept free when there is no cap (0.1). */
  minFreeFraction: number;
  /** With a cap, a disk with less free than this is still full (something else filled it). */
  minFreeBytes: number;
}

export const DEFAULT_MIN_FREE_FRACTION = 0.1;
export const DEFAULT_MIN_FREE_BYTES = 256 * 1024 * 1024;

export interface RetentionResult {
  segmentsDeleted: number;
  clipsDeleted: number;
  bytesFreed: number;
  /** Why recording must stop: nothing more can be freed and the cap or the free-space floor is still not met. */
  full: string | null;
}

export interface RecordingRetentionDeps {
  segments: SegmentStore;
  clips: ClipStore;
  disk: DiskSpace;
  clock: Clock;
  settings: RetentionSettings;
}

const DAY_MS = 86_400_000;
const MB = 1024 ** 2;
const GB = 1024 ** 3;

/** 1.5 GB, 300 MB. */
export function formatBytes(bytes: number): string {
  return bytes >= GB ? `${+(bytes / GB).toFixed(2)} GB` : `${+(bytes / MB).toFixed(1)} MB`;
}

/**
 * Deletes recordings by age (continuous and clips each their own number of days), then by size,
 * oldest first and continuous segments before event clips: under RECORDINGS_MAX_GB, or (without a
 * cap) until a tenth of the disk is free. What cannot be freed is reported as `full`, which stops
 * recording until a later pass finds room.
 */
export class RecordingRetention {
  constructor(private readonly deps: RecordingRetentionDeps) {}

  async run(): Promise<RetentionResult> {
    const result: RetentionResult = { segmentsDeleted: 0, clipsDeleted: 0, bytesFreed: 0, full: null };
    await this.deps.segments.loaded(); // oldest first means knowing the oldest
    const now = this.deps.clock.now().getTime();
    await this.byAge(now, result);
    const { maxBytes } = this.deps.settings;
    result.full = maxBytes !== null ? await this.underCap(maxBytes, result) : await this.keepFree(result);
    return result;
  }

  private async byAge(now: number, result: RetentionResult): Promise<void> {
    const { segments, clips, settings } = this.deps;
    const segmentsBefore = now - settings.continuousDays * DAY_MS;
    for (let oldest = segments.oldest(); oldest && oldest.end < segmentsBefore; oldest = segments.oldest()) {
      await this.deleteSegment(result);
    }
    for (const clip of clips.storedBefore(now - settings.eventsDays * DAY_MS)) {
      await clips.delete(clip.key);
      result.clipsDeleted++;
      result.bytesFreed += clip.bytes;
    }
  }

  /** Under the cap, what is being written counts too: when it alone is over, nothing more can be freed. */
  private async underCap(maxBytes: number, result: RetentionResult): Promise<string | null> {
    const { segments, clips, settings } = this.deps;
    const used = () => segments.usedBytes() + segments.pendingBytes() + clips.usedBytes() + clips.pendingBytes();
    while (used() > maxBytes) {
      if (!(await this.deleteOldest(true, result))) {
        return `recording stopped: recordings reached RECORDINGS_MAX_GB (${formatBytes(maxBytes)}) and nothing older is left to delete`;
      }
    }
    const { free } = await this.deps.disk.check();
    return free < settings.minFreeBytes ? 'recording stopped: the disk is full' : null;
  }

  private async keepFree(result: RetentionResult): Promise<string | null> {
    const { total, free } = await this.deps.disk.check();
    const wanted = total * this.deps.settings.minFreeFraction;
    let missing = wanted - free;
    while (missing > 0) {
      const freed = await this.deleteOldest(this.deps.clips.local, result);
      if (freed === 0) break;
      missing -= freed;
    }
    if (missing <= 0) return null;
    const after = await this.deps.disk.check();
    if (after.free >= after.total * this.deps.settings.minFreeFraction) return null;
    return `recording stopped: less than ${Math.round(this.deps.settings.minFreeFraction * 100)} % of the disk is free and no recording is left to delete`;
  }

  /** The oldest segment, else (when allowed) the oldest clip; the bytes freed (0: nothing left). */
  private async deleteOldest(clipsToo: boolean, result: RetentionResult): Promise<number> {
    if (this.deps.segments.oldest()) return this.deleteSegment(result);
    const clip = clipsToo ? this.deps.clips.oldest() : null;
    if (!clip) return 0;
    await this.deps.clips.delete(clip.key);
    result.clipsDeleted++;
    result.bytesFreed += clip.bytes;
    return Math.max(clip.bytes, 1);
  }

  private async deleteSegment(result: RetentionResult): Promise<number> {
    const oldest = this.deps.segments.oldest();
    if (!oldest) return 0;
    await this.deps.segments.delete(oldest);
    result.segmentsDeleted++;
    result.bytesFreed += oldest.bytes;
    return Math.max(oldest.bytes, 1);
  }
}
