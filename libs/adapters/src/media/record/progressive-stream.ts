import { open, type FileHandle } from 'node:fs/promises';
import { samplesInRange, type ProgressiveLayout } from './mp4';

/** Reads at most this much of a source file at once. */
const MAX_READ = 4 * 1024 * 1024;

/** A piece of a source file missing (deleted while being read): the answer is cut short. */
export class MissingSourceError extends Error {
  constructor(readonly source: string) {
    super(`recording file ${source} is gone`);
    this.name = 'MissingSourceError';
  }
}

/**
 * The bytes `start` to `end` (inclusive) of a laid-out MP4: its header from memory, then the samples
 * read from their files, several at a time (samples of one file sit close together).
 */
export async function* streamProgressiveMp4(layout: ProgressiveLayout, start = 0, end = layout.size - 1): AsyncGenerator<Uint8Array> {
  const last = Math.min(end, layout.size - 1);
  if (start > last) return;
  const { header, samples, starts } = layout;
  if (start < header.length) yield header.subarray(start, Math.min(last + 1, header.length));
  const [first, final] = samplesInRange(layout, start, last);
  if (first < 0) return;
  const handles = new Map<string, FileHandle>();
  try {
    let i = first;
    while (i <= final) {
      let j = i;
      const base = samples[i].offset;
      while (
        j < final &&
        samples[j + 1].source === samples[i].source &&
        samples[j + 1].offset >= samples[j].offset + samples[j].size &&
        samples[j + 1].offset + samples[j + 1].size - base <= MAX_READ
      ) {
        j++;
      }
      const region = await readRegion(handles, samples[i].source, base, samples[j].offset + samples[j].size - base);
      const from = Math.max(start, starts[i]);
      const to = Math.min(last + 1, starts[j] + samples[j].size);
      const out = new Uint8Array(to - from);
      for (let k = i; k <= j; k++) {
        const sampleFrom = Math.max(from, starts[k]);
        const sampleTo = Math.min(to, starts[k] + samples[k].size);
        if (sampleTo <= sampleFrom) continue;
        const inRegion = samples[k].offset - base + (sampleFrom - starts[k]);
        out.set(region.subarray(inRegion, inRegion + (sampleTo - sampleFrom)), sampleFrom - from);
      }
      yield out;
      i = j + 1;
    }
  } finally {
    await Promise.all([...handles.values()].map((h) => h.close().catch(() => undefined)));
  }
}

async function readRegion(handles: Map<string, FileHandle>, source: string, offset: number, length: number): Promise<Uint8Array> {
  let handle = handles.get(source);
  if (!handle) {
    // One file open at a time: the samples come file after file.
    for (const [path, open] of handles) {
      handles.delete(path);
      await open.close().catch(() => undefined);
    }
    try {
      handle = await open(source, 'r');
    } catch {
      throw new MissingSourceError(source);
    }
    handles.set(source, handle);
  }
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
    if (bytesRead === 0) throw new MissingSourceError(source);
    filled += bytesRead;
  }
  return buffer;
}
