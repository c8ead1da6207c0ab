// Recording test doubles: segment and clip stores in memory, a disk of a chosen size, camera units.
import type { EncodedVideoUnit } from '../streams/encoded-video';
import type {
  ClipStore,
  ClipWriter,
  DiskSpace,
  RecordedSpan,
  RecordingVideo,
  SegmentStore,
  SegmentWriter,
  StoredClip,
  StoredSegment,
  WriteFailed,
} from '../recordings/recording-ports';

export const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** The i-th unit of a 15 fps camera with a keyframe every `gop` units, received in real time from T0. */
export function testUnit(i: number, gop = 15, start = T0): EncodedVideoUnit {
  return { data: new Uint8Array([0, 0, 0, 1, i % 256]), pts90k: 1000 + i * 6000, keyframe: i % gop === 0, receivedAt: start + Math.round((i * 1000) / 15) };
}

export class FakeSegment implements SegmentWriter {
  readonly units: EncodedVideoUnit[] = [];
  closed: { nextPts?: number } | null = null;

  constructor(readonly cameraId: string, first: EncodedVideoUnit, readonly startAt: number, readonly failed: WriteFailed) {
    this.units.push(first);
  }

  write(unit: EncodedVideoUnit): void {
    if (this.closed) throw new Error('write after close');
    this.units.push(unit);
  }

  async close(nextPts?: number): Promise<void> {
    this.closed = { nextPts };
  }
}

/** Segments kept in memory: what was begun, and a closed-segment list retention can work on. */
export class FakeSegmentStore implements SegmentStore {
  readonly begun: FakeSegment[] = [];
  stored: StoredSegment[] = [];
  readonly deletedCameras: string[] = [];
  pending = 0;

  pendingBytes(): number {
    return this.pending;
  }

  async loaded(): Promise<void> {
    return undefined;
  }

  begin(cameraId: string, first: EncodedVideoUnit, startAt: number, failed: WriteFailed): SegmentWriter | null {
    const segment = new FakeSegment(cameraId, first, startAt, failed);
    this.begun.push(segment);
    return segment;
  }

  async spans(): Promise<RecordedSpan[]> {
    return this.stored.map((s) => ({ start: new Date(s.start), end: new Date(s.end), bytes: s.bytes }));
  }

  async video(): Promise<RecordingVideo | null> {
    return null;
  }

  usedBytes(): number {
    return this.stored.reduce((sum, s) => sum + s.bytes, 0);
  }

  oldest(): StoredSegment | null {
    return [...this.stored].sort((a, b) => a.start - b.start)[0] ?? null;
  }

  async delete(segment: StoredSegment): Promise<void> {
    this.stored = this.stored.filter((s) => s !== segment);
  }

  async deleteCamera(cameraId: string): Promise<void> {
    this.deletedCameras.push(cameraId);
    this.stored = this.stored.filter((s) => s.cameraId !== cameraId);
  }
}

export class FakeClip implements ClipWriter {
  readonly units: EncodedVideoUnit[] = [];
  state: 'open' | 'finished' | 'aborted' = 'open';

  constructor(readonly key: string, readonly failed: WriteFailed, private readonly store: FakeClipStore) {}

  write(unit: EncodedVideoUnit): void {
    if (this.state !== 'open') throw new Error('write after finish');
    this.units.push(unit);
  }

  async finish(): Promise<{ bytes: number } | null> {
    this.state = 'finished';
    const bytes = this.units.length * 100;
    this.store.stored.push({ key: this.key, bytes, storedAt: this.units[this.units.length - 1]?.receivedAt ?? 0 });
    return { bytes };
  }

  async abort(): Promise<void> {
    this.state = 'aborted';
  }
}

export class FakeClipStore implements ClipStore {
  readonly begun: FakeClip[] = [];
  stored: StoredClip[] = [];
  local = true;
  pending = 0;

  pendingBytes(): number {
    return this.pending;
  }

  begin(key: string, failed: WriteFailed): ClipWriter {
    const clip = new FakeClip(key, failed, this);
    this.begun.push(clip);
    return clip;
  }

  usedBytes(): number {
    return this.stored.reduce((sum, c) => sum + c.bytes, 0);
  }

  oldest(): StoredClip | null {
    return [...this.stored].sort((a, b) => a.storedAt - b.storedAt)[0] ?? null;
  }

  storedBefore(time: number): StoredClip[] {
    return this.stored.filter((c) => c.storedAt < time).sort((a, b) => a.storedAt - b.storedAt);
  }

  async delete(key: string): Promise<void> {
    this.stored = this.stored.filter((c) => c.key !== key);
  }

  async deleteCamera(cameraId: string): Promise<void> {
    this.stored = this.stored.filter((c) => !c.key.startsWith(`clips/${cameraId}/`));
  }
}

/** A disk whose free space is what the test says, plus what deleting recordings gives back. */
export class FakeDisk implements DiskSpace {
  constructor(public total: number, public free: number) {}

  async check(): Promise<{ total: number; free: number }> {
    return { total: this.total, free: this.free };
  }
}

export function diskFullError(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}
