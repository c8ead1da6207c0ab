import type { AvcTrackInfo } from './avc';
import { ByteWriter, fullBox } from './boxes';
import { fileType, movie } from './movie';

/** A sample of the file to write and where its bytes are read from (already in MP4 form). */
export interface PlannedSample {
  size: number;
  /** 90 kHz ticks until the next sample. */
  duration: number;
  keyframe: boolean;
  /** Where the bytes are: a file and the offset in it. */
  source: string;
  offset: number;
}

/**
 * A whole MP4 laid out before any byte is written: `ftyp`, `moov` (every sample's size, time and
 * place) and then `mdat` with the samples back to back ("fast start": a browser can play it from its
 * first byte and seek with ranges). Its bytes are `header` followed by each sample in turn.
 */
export interface ProgressiveLayout {
  header: Uint8Array;
  samples: PlannedSample[];
  /** Where each sample starts in the file. */
  starts: number[];
  size: number;
  duration90k: number;
}

const SAMPLES_PER_CHUNK = 32;
const MAX_U32 = 2 ** 32 - 1;

/** Lays out a fast-start MP4 of `samples` (the first should be a keyframe). */
export function planProgressiveMp4(track: AvcTrackInfo, samples: PlannedSample[]): ProgressiveLayout {
  const payload = samples.reduce((sum, s) => sum + s.size, 0);
  const duration90k = samples.reduce((sum, s) => sum + s.duration, 0);
  const wide = payload + 64 * 1024 * 1024 > MAX_U32; // 64-bit chunk offsets and mdat size
  const ftyp = fileType(['isom', 'iso2', 'avc1', 'mp41']);
  const mdatHeader = wide ? new ByteWriter(16).u32(1).ascii('mdat').u64(payload + 16).done() : new ByteWriter(8).u32(payload + 8).ascii('mdat').done();
  const chunkCount = Math.ceil(samples.length / SAMPLES_PER_CHUNK);
  // The moov's size does not depend on the offsets it holds: measure it, then write the real one.
  const draft = movie(track, duration90k, sampleTables(samples, new Array<number>(chunkCount).fill(0), wide));
  const dataStart = ftyp.length + draft.length + mdatHeader.length;
  const starts: number[] = new Array<number>(samples.length);
  let at = dataStart;
  for (let i = 0; i < samples.length; i++) {
    starts[i] = at;
    at += samples[i].size;
  }
  const chunkOffsets = Array.from({ length: chunkCount }, (_, c) => starts[c * SAMPLES_PER_CHUNK]);
  const moov = movie(track, duration90k, sampleTables(samples, chunkOffsets, wide));
  const header = new Uint8Array(dataStart);
  header.set(ftyp);
  header.set(moov, ftyp.length);
  header.set(mdatHeader, ftyp.length + moov.length);
  return { header, samples, starts, size: dataStart + payload, duration90k };
}

function sampleTables(samples: PlannedSample[], chunkOffsets: number[], wide: boolean): Uint8Array[] {
  // stts: runs of equal durations.
  const runs: Array<[number, number]> = [];
  for (const { duration } of samples) {
    const last = runs[runs.length - 1];
    if (last && last[1] === duration) last[0]++;
    else runs.push([1, duration]);
  }
  const stts = new ByteWriter(8 + runs.length * 8).u32(runs.length);
  for (const [count, duration] of runs) stts.u32(count).u32(duration);
  const keyframes = samples.flatMap((s, i) => (s.keyframe ? [i + 1] : []));
  const stss = new ByteWriter(4 + keyframes.length * 4).u32(keyframes.length);
  for (const index of keyframes) stss.u32(index);
  const stsc = new ByteWriter(28).u32(0);
  const remainder = samples.length % SAMPLES_PER_CHUNK;
  const fullChunks = Math.floor(samples.length / SAMPLES_PER_CHUNK);
  let entries = 0;
  if (fullChunks > 0) {
    stsc.u32(1).u32(SAMPLES_PER_CHUNK).u32(1);
    entries++;
  }
  if (remainder > 0) {
    stsc.u32(fullChunks + 1).u32(remainder).u32(1);
    entries++;
  }
  const stscBytes = stsc.done();
  new DataView(stscBytes.buffer, stscBytes.byteOffset).setUint32(0, entries);
  const stsz = new ByteWriter(8 + samples.length * 4).u32(0).u32(samples.length);
  for (const { size } of samples) stsz.u32(size);
  const offsets = new ByteWriter(4 + chunkOffsets.length * (wide ? 8 : 4)).u32(chunkOffsets.length);
  for (const offset of chunkOffsets) {
    if (wide) offsets.u64(offset);
    else offsets.u32(offset);
  }
  return [
    fullBox('stts', 0, 0, stts.done()),
    fullBox('stss', 0, 0, stss.done()),
    fullBox('stsc', 0, 0, stscBytes),
    fullBox('stsz', 0, 0, stsz.done()),
    fullBox(wide ? 'co64' : 'stco', 0, 0, offsets.done()),
  ];
}

/** The samples a byte range of the file touches: the first one's index (-1: none) and the last one's. */
export function samplesInRange(layout: ProgressiveLayout, start: number, end: number): [number, number] {
  const { starts, samples } = layout;
  if (samples.length === 0 || end < layout.header.length) return [-1, -1];
  return [lastStartAtOrBefore(starts, Math.max(start, layout.header.length)), lastStartAtOrBefore(starts, end)];
}

function lastStartAtOrBefore(starts: number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= position) low = mid;
    else high = mid - 1;
  }
  return low;
}

