import { FakeClipStore, FakeDisk, FakeSegmentStore } from '../testing/recording-fakes';
import { RecordingRetention, type RetentionSettings } from './recording-retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 10);
const MB = 1024 * 1024;

function world(settings: Partial<RetentionSettings>, disk = new FakeDisk(1000 * MB, 900 * MB)) {
  const segments = new FakeSegmentStore();
  const clips = new FakeClipStore();
  const retention = new RecordingRetention({
    segments,
    clips,
    disk,
    clock: { now: () => new Date(NOW) },
    settings: { continuousDays: 3, eventsDays: 30, maxBytes: null, minFreeFraction: 0.1, minFreeBytes: 10 * MB, ...settings },
  });
  // Deleting frees the disk, as it would.
  const deleteSegment = segments.delete.bind(segments);
  segments.delete = async (s) => {
    disk.free += s.bytes;
    await deleteSegment(s);
  };
  const deleteClip = clips.delete.bind(clips);
  clips.delete = async (key) => {
    disk.free += clips.stored.find((c) => c.key === key)?.bytes ?? 0;
    await deleteClip(key);
  };
  const segment = (ageDays: number, bytes = 10 * MB, cameraId = 'cam-1') => {
    const start = NOW - ageDays * DAY;
    segments.stored.push({ cameraId, start, end: start + 5000, bytes });
  };
  const clip = (name: string, ageDays: number, bytes = 10 * MB) => clips.stored.push({ key: `clips/cam-1/${name}.mp4`, bytes, storedAt: NOW - ageDays * DAY });
  return { retention, segments, clips, disk, segment, clip };
}

describe('RecordingRetention', () => {
  it('deletes continuous segments after RETAIN_CONTINUOUS_DAYS and clips after RETAIN_EVENTS_DAYS', async () => {
    const w = world({});
    w.segment(4);
    w.segment(3.01, 10 * MB, 'cam-2');
    w.segment(2.9);
    w.clip('old', 31);
    w.clip('kept', 29);
    const result = await w.retention.run();
    expect(result).toMatchObject({ segmentsDeleted: 2, clipsDeleted: 1, full: null });
    expect(w.segments.stored).toHaveLength(1);
    expect(w.clips.stored.map((c) => c.key)).toEqual(['clips/cam-1/kept.mp4']);
  });

  it('keeps under RECORDINGS_MAX_GB: oldest first, continuous before clips', async () => {
    const w = world({ maxBytes: 35 * MB });
    w.clip('oldest-clip', 2);
    w.segment(1);
    w.segment(0.5);
    w.clip('new-clip', 0.1);
    w.segment(0.1);
    const result = await w.retention.run();
    // 50 MB → 30 MB: the two older segments go, though a clip is older still.
    expect(result).toMatchObject({ segmentsDeleted: 2, clipsDeleted: 0, full: null });
    expect(w.clips.stored).toHaveLength(2);
    w.segment(0.05);
    w.segment(0.01);
    const second = await w.retention.run();
    // 50 MB again: two segments go (the oldest first), the clips stay.
    expect(second).toMatchObject({ segmentsDeleted: 2, clipsDeleted: 0 });
    expect(w.segments.stored.map((s) => s.start)).toEqual([NOW - 0.01 * DAY]);
    w.clip('newest', 0);
    w.clip('newest-2', 0);
    // 50 MB: the last segment goes, and only then the oldest clip.
    expect(await w.retention.run()).toMatchObject({ segmentsDeleted: 1, clipsDeleted: 1, full: null });
    expect(w.clips.stored.map((c) => c.key)).not.toContain('clips/cam-1/oldest-clip.mp4');
  });

  it('reports full when the cap cannot be met (what is being written is over it), or the disk is full with a cap', async () => {
    const w = world({ maxBytes: 5 * MB });
    w.clip('big', 0, 10 * MB);
    const result = await w.retention.run();
    expect(result.full).toBeNull(); // the clip itself could go
    expect(w.clips.stored).toHaveLength(0);
    w.segment(0.1, 2 * MB);
    w.clips.pending = 4 * MB;
    w.segments.pending = 2 * MB;
    const over = await w.retention.run();
    expect(over.segmentsDeleted).toBe(1);
    expect(over.full).toBe('recording stopped: recordings reached RECORDINGS_MAX_GB (5 MB) and nothing older is left to delete');
    w.clips.pending = 0;
    expect((await w.retention.run()).full).toBeNull();
    w.disk.free = 1 * MB;
    expect((await w.retention.run()).full).toBe('recording stopped: the disk is full');
  });

  it('without a cap keeps a tenth of the disk free, clips only when they are on that disk', async () => {
    const disk = new FakeDisk(1000 * MB, 75 * MB);
    const w = world({}, disk);
    w.segment(1);
    w.segment(0.5);
    w.segment(0.2);
    w.clip('c', 2);
    w.clips.local = false;
    expect(await w.retention.run()).toMatchObject({ segmentsDeleted: 3, clipsDeleted: 0, full: null });
    expect(disk.free).toBe(105 * MB);
    disk.free = 50 * MB;
    const result = await w.retention.run();
    expect(result).toMatchObject({ segmentsDeleted: 0, clipsDeleted: 0 });
    expect(result.full).toMatch(/less than 10 % of the disk is free/);
    w.clips.local = true;
    expect(await w.retention.run()).toMatchObject({ clipsDeleted: 1 });
  });
});
