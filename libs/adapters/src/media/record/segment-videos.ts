import { createHash } from 'node:crypto';
import type { RecordingVideo } from '@argus/domain';
import { planProgressiveMp4, readFragmentedFile, type AvcTrackInfo, type FragmentSample, type PlannedSample } from './mp4';
import { streamProgressiveMp4 } from './progressive-stream';
import { readHead, readSampleIndex } from './sample-index';
import type { SegmentFile } from './segment-files';

/** Sample indexes kept in memory (a few KB each): an hour of 5-second segments is 720. */
const MAX_INDEXES = 1000;
/** Videos laid out recently, reused by the range requests a browser sends for one `<video>`. */
const MAX_VIDEOS = 16;
const VIDEO_TTL_MS = 5 * 60_000;

interface SegmentIndex {
  samples: FragmentSample[];
  track: AvcTrackInfo | null;
}

/**
 * The video of a time span from the segments that cover it: every sample from the keyframe at or
 * before `from` to the last one starting before `to`, laid out as one fast-start MP4 whose bytes
 * are read from the segment files as they are sent (nothing is copied to disk). A gap between
 * segments (the camera away) holds the last picture, so the file's time stays the wall clock's.
 */
export class SegmentVideos {
  private readonly indexes = new Map<string, SegmentIndex>();
  private readonly videos = new Map<string, { video: RecordingVideo; at: number }>();

  async video(cameraId: string, segments: SegmentFile[], from: number, to: number): Promise<RecordingVideo | null> {
    const etag = `"${createHash('sha1').update(JSON.stringify([cameraId, from, to, segments.map((s) => s.path)])).digest('base64url')}"`;
    const cached = this.videos.get(etag);
    if (cached && Date.now() - cached.at < VIDEO_TTL_MS) return cached.video;
    const video = await this.plan(segments, from, to, etag);
    if (video) this.remember(etag, video);
    return video;
  }

  /** A deleted segment's index goes (and with it any video that used it). */
  forget(path: string): void {
    this.indexes.delete(path);
    this.videos.clear();
  }

  private async plan(segments: SegmentFile[], from: number, to: number, etag: string): Promise<RecordingVideo | null> {
    const planned: PlannedSample[] = [];
    let track: AvcTrackInfo | null = null;
    let first = 0;
    let lastEnd = 0;
    let ticks = 0; // 90 kHz ticks planned so far
    for (const segment of segments) {
      const index = await this.index(segment, track === null);
      if (!index || index.samples.length === 0) continue;
      const times = index.samples.map((s) => segment.start + s.decodeTime / 90);
      let begin = 0;
      if (planned.length === 0) {
        // The keyframe at or before `from` (or the segment's first one when it starts later).
        for (let i = 0; i < times.length && times[i] <= from; i++) if (index.samples[i].keyframe) begin = i;
        if (!index.samples[begin].keyframe) continue;
        if (!index.track) continue;
        track = index.track;
        first = times[begin];
      }
      const chosen: PlannedSample[] = [];
      for (let i = begin; i < times.length && times[i] < to; i++) {
        const s = index.samples[i];
        chosen.push({ size: s.size, duration: s.duration, keyframe: s.keyframe, source: segment.path, offset: s.offset });
        lastEnd = times[i] + s.duration / 90;
      }
      if (chosen.length === 0) continue;
      const gap = Math.round((times[begin] - first) * 90) - ticks;
      if (planned.length > 0 && gap > 0) {
        planned[planned.length - 1].duration += gap;
        ticks += gap;
      }
      for (const sample of chosen) {
        planned.push(sample);
        ticks += sample.duration;
      }
    }
    if (!track || planned.length === 0) return null;
    const layout = planProgressiveMp4(track, planned);
    return {
      start: new Date(Math.round(first)),
      end: new Date(Math.round(lastEnd)),
      size: layout.size,
      contentType: 'video/mp4',
      etag,
      read: (start, end) => streamProgressiveMp4(layout, start, end),
    };
  }

  private async index(segment: SegmentFile, needTrack: boolean): Promise<SegmentIndex | null> {
    let index = this.indexes.get(segment.path);
    if (!index) {
      const samples = await readSampleIndex(segment.path);
      if (!samples) return null;
      index = { samples, track: null };
      if (this.indexes.size >= MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value as string);
      this.indexes.set(segment.path, index);
    }
    if (needTrack && !index.track) {
      const head = await readHead(segment.path);
      index.track = head ? (readFragmentedFile(head)?.track ?? null) : null;
    }
    return index;
  }

  private remember(etag: string, video: RecordingVideo): void {
    if (this.videos.size >= MAX_VIDEOS) this.videos.delete(this.videos.keys().next().value as string);
    this.videos.set(etag, { video, at: Date.now() });
  }
}

