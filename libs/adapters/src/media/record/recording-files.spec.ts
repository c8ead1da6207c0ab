import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Recorder, type Camera, type CameraRecording, type EncodedVideoUnit } from '@argus/domain';
import { anyFfmpeg } from '@argus/tools/testing/media/ffmpeg-binaries';
import { makeCameraUnits } from '@argus/tools/testing/media/camera-units';
import { FileMediaStore } from '../../media-store/file-media-store';
import { FileSegmentStore } from './file-segment-store';
import { scanSegments } from './segment-files';
import type { OpenRecordingFile } from './fragmented-writer';
import { MediaClipStore } from './media-clip-store';
import { decodeWithFfmpeg } from '@argus/tools/testing/media/decode-check';
import { readBoxHeader } from './mp4';
import { fileFullAfter } from '@argus/tools/testing/media/full-disk';

const T = Date.UTC(2025, 2, 3, 10, 0, 0);
const INFO = { codec: 'h264' as const, width: 320, height: 240, transcoded: false };

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe('recording files: continuous segments and event clips', () => {
  const ffmpeg = anyFfmpeg();
  let units: EncodedVideoUnit[];
  let dir: string;
  beforeAll(async () => {
    units = await makeCameraUnits(ffmpeg, { width: 320, height: 240, fps: 15, seconds: 12, gop: 15 }, T);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'argus-rec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function record(recording: CameraRecording, feed: (recorder: Recorder) => void, options: { openFile?: OpenRecordingFile } = {}) {
    const segments = FileSegmentStore.open(join(dir, 'recordings'), { openFile: options.openFile });
    const media = new FileMediaStore(join(dir, 'media'));
    const clips = await MediaClipStore.open(media, join(dir, 'recordings', '.clips'), { local: true });
    const stored: Array<{ key: string; alertIds: string[] }> = [];
    const failures: Error[] = [];
    const recorder = new Recorder({
      segments,
      clips,
      cameras: { findById: async () => null },
      clipStored: (_c, key, alertIds) => stored.push({ key, alertIds }),
      diskFull: () => undefined,
      options: { segmentMs: 4000 },
      log: { warn: (m) => failures.push(new Error(m)) },
    });
    recorder.configure({ id: 'cam-1', recording } as Camera);
    recorder.cameraStarted('cam-1', INFO);
    feed(recorder);
    recorder.cameraStopped('cam-1');
    await recorder.settled();
    return { segments, clips, media, stored, failures };
  }
  const feedAll = (recorder: Recorder) => units.forEach((u) => recorder.unit('cam-1', u));

  it('writes back-to-back segments named by their span, one span in the index', async () => {
    const { segments } = await record({ mode: 'continuous', preSeconds: 0, postSeconds: 0 }, feedAll);
    const files = segments.segmentsOf('cam-1');
    expect(files.map((f) => [f.start - T, f.end - T])).toEqual([
      [0, 4000],
      [4000, 8000],
      [8000, 12000],
    ]);
    expect(files.map((f) => f.path.slice(dir.length))).toEqual([0, 4000, 8000].map((s) => `/recordings/cam-1/2025-03-03/${T + s}-${T + s + 4000}.mp4`));
    expect(files.every((f) => statSync(f.path).size === f.bytes)).toBe(true);
    expect(await segments.spans('cam-1')).toEqual([{ start: new Date(T), end: new Date(T + 12_000), bytes: segments.usedBytes() }]);
    expect(await segments.spans('cam-1', new Date(T + 12_000), new Date(T + 20_000))).toEqual([]);
    expect((await decodeWithFfmpeg(ffmpeg, files[1].path)).frames).toBe(60);
  });

  it('exports a span cut at the keyframe before its start, as a fast-start MP4 ffmpeg decodes', async () => {
    const { segments } = await record({ mode: 'continuous', preSeconds: 0, postSeconds: 0 }, feedAll);
    const video = await segments.video('cam-1', new Date(T + 3500), new Date(T + 9500));
    expect(video).not.toBeNull();
    if (!video) return;
    expect(video.start).toEqual(new Date(T + 3000));
    expect(video.end.getTime()).toBeCloseTo(T + 9533, -1);
    const bytes = await collect(video.read(0, video.size - 1));
    expect(bytes.length).toBe(video.size);
    expect(readBoxHeader(bytes, readBoxHeader(bytes, 0)?.end ?? 0)?.type).toBe('moov');
    writeFileSync(join(dir, 'export.mp4'), bytes);
    expect((await decodeWithFfmpeg(ffmpeg, join(dir, 'export.mp4'))).frames).toBe(98); // 3.0 s to 9.47 s at 15 fps
    expect(await segments.video('cam-1', new Date(T - 60_000), new Date(T - 1000))).toBeNull();
    // The same question gets the same bytes (a browser's range requests).
    expect((await segments.video('cam-1', new Date(T + 3500), new Date(T + 9500)))?.etag).toBe(video.etag);
  });

  it('holds the last picture over a gap between spans, so the video keeps the wall clock', async () => {
    const later = units.map((u) => ({ ...u, receivedAt: u.receivedAt + 20_000, pts90k: u.pts90k + 5_000_000 }));
    const { segments } = await record({ mode: 'continuous', preSeconds: 0, postSeconds: 0 }, (recorder) => {
      units.slice(0, 60).forEach((u) => recorder.unit('cam-1', u));
      recorder.cameraStopped('cam-1');
      recorder.cameraStarted('cam-1', INFO);
      later.slice(0, 60).forEach((u) => recorder.unit('cam-1', u));
    });
    const spans = await segments.spans('cam-1');
    expect(spans.map((s) => [s.start.getTime() - T, s.end.getTime() - T])).toEqual([
      [0, 4000],
      [20_000, 24_000],
    ]);
    const video = await segments.video('cam-1', new Date(T), new Date(T + 30_000));
    if (!video) throw new Error('no video');
    const bytes = await collect(video.read(0, video.size - 1));
    writeFileSync(join(dir, 'gap.mp4'), bytes);
    const decoded = await decodeWithFfmpeg(ffmpeg, join(dir, 'gap.mp4'));
    expect(decoded.frames).toBe(120);
    expect(video.end.getTime()).toBeCloseTo(T + 24_000, -2);
  });

  it('repairs at start-up a segment cut short by a crash, and drops one with no whole frame', async () => {
    const { segments } = await record({ mode: 'continuous', preSeconds: 0, postSeconds: 0 }, feedAll);
    const [first, second] = segments.segmentsOf('cam-1');
    const day = join(dir, 'recordings', 'cam-1', '2025-03-03');
    // A segment being written when Argus was killed: no index at its end, its last fragment cut.
    const crashed = join(day, `${T + 20_000}.part`);
    copyFileSync(first.path, crashed);
    truncateSync(crashed, Math.floor(statSync(first.path).size * 0.6));
    const empty = join(day, `${T + 30_000}.part`);
    writeFileSync(empty, readFileSync(second.path).subarray(0, 300));
    // A segment this run is writing is not the last run's: the scan leaves it alone.
    const [own] = (await scanSegments(join(dir, 'recordings'), (path) => path === crashed)).segments.filter((f) => f.start === T + 20_000);
    expect(own).toBeUndefined();
    expect(existsSync(crashed)).toBe(true);
    const reopened = FileSegmentStore.open(join(dir, 'recordings'));
    await reopened.loaded();
    const files = reopened.segmentsOf('cam-1');
    expect(files).toHaveLength(4);
    const repaired = files[3];
    expect(repaired.start).toBe(T + 20_000);
    expect(repaired.end - repaired.start).toBeGreaterThan(1000);
    expect(repaired.end - repaired.start).toBeLessThan(4000);
    expect(existsSync(crashed) || existsSync(empty)).toBe(false);
    const frames = (await decodeWithFfmpeg(ffmpeg, repaired.path)).frames;
    expect(frames).toBe(Math.round(((repaired.end - repaired.start) * 15) / 1000));
    expect(reopened.usedBytes()).toBe(files.reduce((sum, f) => sum + f.bytes, 0));
  });

  it('a full disk fails the segment once with ENOSPC; what was written before stays recorded', async () => {
    const { segments, failures } = await record({ mode: 'continuous', preSeconds: 0, postSeconds: 0 }, feedAll, { openFile: fileFullAfter(150_000) });
    expect(failures.some((f) => /ENOSPC/.test(f.message))).toBe(true);
    const files = segments.segmentsOf('cam-1');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect((await decodeWithFfmpeg(ffmpeg, file.path)).frames).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'recordings', 'cam-1', '2025-03-03')).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('stores an event clip as a fast-start MP4 in the media store, and deletes a camera’s recordings', async () => {
    const { stored, media, clips, segments } = await record({ mode: 'events', preSeconds: 2, postSeconds: 3 }, (recorder) => {
      units.slice(0, 80).forEach((u) => recorder.unit('cam-1', u));
      recorder.alertRaised({ alertId: 'alert-1', cameraId: 'cam-1', timestamp: new Date(T + 5000) } as never);
      units.slice(80).forEach((u) => recorder.unit('cam-1', u));
    });
    expect(stored).toEqual([{ key: 'clips/cam-1/alert-1.mp4', alertIds: ['alert-1'] }]);
    const head = await media.head('clips/cam-1/alert-1.mp4');
    expect(head).toMatchObject({ contentType: 'video/mp4', size: clips.usedBytes() });
    const file = join(dir, 'media', 'clips', 'cam-1', 'alert-1.mp4');
    const bytes = readFileSync(file);
    expect(readBoxHeader(bytes, readBoxHeader(bytes, 0)?.end ?? 0)?.type).toBe('moov');
    // From the keyframe at 3 s (2 s before the alert) to 8 s (3 s after it).
    expect((await decodeWithFfmpeg(ffmpeg, file)).frames).toBe(76);
    expect(await clips.spooled()).toBe(0);
    expect(segments.usedBytes()).toBe(0);
    await clips.deleteCamera('cam-1');
    expect(await media.head('clips/cam-1/alert-1.mp4')).toBeNull();
    expect(clips.usedBytes()).toBe(0);
  });

  it('lists the clips already stored when it opens', async () => {
    const media = new FileMediaStore(join(dir, 'media'));
    await media.put('clips/cam-2/a.mp4', new Uint8Array(10), 'video/mp4');
    await media.put('snapshots/cam-2/x.jpg', new Uint8Array(10), 'image/jpeg');
    const clips = await MediaClipStore.open(media, join(dir, 'spool'), { local: true });
    await clips.loaded();
    expect(clips.usedBytes()).toBe(10);
    expect(clips.oldest()?.key).toBe('clips/cam-2/a.mp4');
    await clips.delete('clips/cam-2/a.mp4');
    expect(clips.oldest()).toBeNull();
  });

  it('lists them again later when the media store does not answer at start-up (S3 away)', async () => {
    const media = new FileMediaStore(join(dir, 'media'));
    await media.put('clips/cam-2/a.mp4', new Uint8Array(10), 'video/mp4');
    let failures = 2;
    const list = media.list.bind(media);
    media.list = (prefix: string) => {
      if (failures-- > 0) throw new Error('connect ECONNREFUSED');
      return list(prefix);
    };
    const logged: string[] = [];
    const clips = await MediaClipStore.open(media, join(dir, 'spool'), { local: false, listRetryMs: [10], log: (m) => logged.push(m) });
    expect(clips.usedBytes()).toBe(0);
    await clips.loaded();
    expect(clips.usedBytes()).toBe(10);
    expect(logged).toEqual([expect.stringMatching(/could not be listed \(Error: connect ECONNREFUSED\); trying again in 0.01 s/), expect.any(String)]);
    clips.close();
  });
});
