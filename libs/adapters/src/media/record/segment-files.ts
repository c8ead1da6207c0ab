import { readdir, readFile, rename, rm, stat, truncate, appendFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { readFragmentedFile } from './mp4';
import { sampleIndexBox } from './sample-index';

/** A closed segment as the index holds it. */
export interface SegmentFile {
  cameraId: string;
  /** Wall-clock start and end (ms since the epoch). */
  start: number;
  end: number;
  bytes: number;
  path: string;
}

/** Folder and file names Argus makes (camera ids, days, times): nothing that could climb out of the root. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const SEGMENT_NAME = /^(\d{1,15})-(\d{1,15})\.mp4$/;
const PART_NAME = /^(\d{1,15})\.part$/;

export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name);
}

/** `<root>/<cameraId>/<YYYY-MM-DD>` (UTC day of the segment's start). */
export function dayFolder(root: string, cameraId: string, start: number): string {
  return join(root, cameraId, new Date(start).toISOString().slice(0, 10));
}

/** Where a segment is written: `<start>.part` until it is closed. */
export function partPath(root: string, cameraId: string, start: number): string {
  return join(dayFolder(root, cameraId, start), `${start}.part`);
}

/** A closed segment: `<start>-<end>.mp4`, so the index is read from the names alone. */
export function segmentPath(root: string, cameraId: string, start: number, end: number): string {
  return join(dayFolder(root, cameraId, start), `${start}-${end}.mp4`);
}

export interface ScanResult {
  segments: SegmentFile[];
  repaired: number;
  dropped: number;
}

/** Files looked at together (stat, repair): enough to keep the disk busy, few enough for the thread pool. */
const AT_ONCE = 32;

/**
 * Reads the recordings folder at start-up: every closed segment, and the segments that were being
 * written when Argus stopped (`.part`), each repaired (cut after its last whole fragment, indexed,
 * renamed) or, with no whole frame, deleted. A `.part` that `writing` says is this run's own is left
 * alone; anything else is too.
 */
export async function scanSegments(root: string, writing: (path: string) => boolean = () => false): Promise<ScanResult> {
  const result: ScanResult = { segments: [], repaired: 0, dropped: 0 };
  for (const camera of await folders(root)) {
    for (const day of await folders(join(root, camera))) {
      const dir = join(root, camera, day);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (let i = 0; i < names.length; i += AT_ONCE) {
        await Promise.all(names.slice(i, i + AT_ONCE).map((name) => scanFile(root, camera, join(dir, name), name, writing, result)));
      }
    }
  }
  result.segments.sort((a, b) => a.start - b.start);
  return result;
}

async function scanFile(root: string, camera: string, path: string, name: string, writing: (path: string) => boolean, result: ScanResult): Promise<void> {
  const segment = SEGMENT_NAME.exec(name);
  const part = PART_NAME.exec(name);
  if (segment) {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) result.segments.push({ cameraId: camera, start: Number(segment[1]), end: Number(segment[2]), bytes: info.size, path });
  } else if (part && !writing(path)) {
    const repaired = await repairSegment(root, camera, Number(part[1]), path).catch(() => null);
    if (repaired) {
      result.segments.push(repaired);
      result.repaired++;
    } else {
      result.dropped++;
    }
  }
}

async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && isSafeName(e.name)).map((e) => e.name).sort();
}

/**
 * A segment whose writing stopped midway (Argus killed, disk full): cut after its last whole
 * fragment, closed with its sample index and renamed to its span; deleted when no frame is whole.
 */
export async function repairSegment(root: string, cameraId: string, start: number, path: string): Promise<SegmentFile | null> {
  const bytes = await readFile(path).catch(() => null);
  const file = bytes ? readFragmentedFile(bytes) : null;
  if (!file || file.samples.length === 0) {
    await rm(path, { force: true });
    return null;
  }
  await truncate(path, file.validLength);
  await appendFile(path, sampleIndexBox(file.samples));
  await syncFile(path);
  const duration = file.samples.reduce((sum, s) => sum + s.duration, 0);
  const end = start + Math.max(1, Math.round(duration / 90));
  const target = segmentPath(root, cameraId, start, end);
  await rename(path, target);
  return { cameraId, start, end, bytes: (await stat(target)).size, path: target };
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
