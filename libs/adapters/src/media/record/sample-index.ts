import { open } from 'node:fs/promises';
import { ByteWriter } from './mp4/boxes';
import type { FragmentSample } from './mp4';

const MAGIC = 'ASIX';
const ENTRY = 13;

/**
 * The samples of a finished recording file in one `free` box at its end (players skip `free`
 * boxes): offset, size, duration and keyframe of each, then the box's size and a marker, so that an
 * export reads a file's few hundred closing bytes instead of walking all its fragments.
 */
export function sampleIndexBox(samples: readonly FragmentSample[]): Uint8Array {
  const size = 8 + 4 + 4 + samples.length * ENTRY + 8;
  const writer = new ByteWriter(size).u32(size).ascii('free').ascii(MAGIC).u32(samples.length);
  for (const s of samples) writer.u32(s.offset).u32(s.size).u32(s.duration).u8(s.keyframe ? 1 : 0);
  return writer.u32(size).ascii(MAGIC).done();
}

/** The sample index at the end of `bytes` (a file's tail); null when there is none. */
export function parseSampleIndex(tail: Uint8Array): FragmentSample[] | null {
  if (tail.length < 24) return null;
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const size = view.getUint32(tail.length - 8);
  if (!isMagic(tail, tail.length - 4) || size > tail.length || size < 24) return null;
  const at = tail.length - size;
  if (view.getUint32(at) !== size || !isMagic(tail, at + 8)) return null;
  const count = view.getUint32(at + 12);
  if (24 + count * ENTRY !== size) return null;
  const samples: FragmentSample[] = [];
  let decodeTime = 0;
  for (let i = 0, p = at + 16; i < count; i++, p += ENTRY) {
    const duration = view.getUint32(p + 8);
    samples.push({ offset: view.getUint32(p), size: view.getUint32(p + 4), decodeTime, duration, keyframe: tail[p + 12] === 1 });
    decodeTime += duration;
  }
  return samples;
}

function isMagic(bytes: Uint8Array, at: number): boolean {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]) === MAGIC;
}

/** Reads the sample index of a closed recording file; null when the file has none (or is gone). */
export async function readSampleIndex(path: string): Promise<FragmentSample[] | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const { size } = await handle.stat();
    if (size < 24) return null;
    const last = Buffer.alloc(8);
    await handle.read(last, 0, 8, size - 8);
    const boxSize = last.readUInt32BE(0);
    if (last.toString('latin1', 4) !== MAGIC || boxSize > size || boxSize < 24) return null;
    const tail = Buffer.alloc(boxSize);
    await handle.read(tail, 0, boxSize, size - boxSize);
    return parseSampleIndex(tail);
  } finally {
    await handle.close();
  }
}

/** Reads the first `bytes` of a file (its header: `ftyp` and `moov`). */
export async function readHead(path: string, bytes = 16 * 1024): Promise<Uint8Array | null> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
