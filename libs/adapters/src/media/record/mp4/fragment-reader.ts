import type { AvcTrackInfo } from './avc';
import { childBoxes, readBoxHeader, type BoxHeader } from './boxes';

/** sample_is_non_sync_sample in a sample's flags. */
const NON_SYNC = 0x10000;

/** One sample of a fragmented file: where its bytes are and when it is decoded (90 kHz, from the file's start). */
export interface FragmentSample {
  offset: number;
  size: number;
  decodeTime: number;
  duration: number;
  keyframe: boolean;
}

export interface FragmentedFile {
  track: AvcTrackInfo;
  samples: FragmentSample[];
  /** Bytes up to the end of the last whole fragment: what is left of a file whose writing stopped midway. */
  validLength: number;
}

/**
 * Reads back a fragmented MP4 written by Argus (one H.264 track, movie fragments): the track and
 * every sample whose fragment is whole. A file cut short (Argus killed while writing it) yields the
 * samples before the cut; null when not even its header is whole.
 */
export function readFragmentedFile(bytes: Uint8Array): FragmentedFile | null {
  let track: AvcTrackInfo | null = null;
  const samples: FragmentSample[] = [];
  let validLength = 0;
  let offset = 0;
  let pending: FragmentSample[] = [];
  while (offset < bytes.length) {
    const header = readBoxHeader(bytes, offset);
    if (!header) break;
    if (header.type === 'moov') {
      track = readTrack(bytes, header);
      if (!track) return null;
      validLength = header.end;
    } else if (header.type === 'moof') {
      pending = readFragment(bytes, header);
    } else if (header.type === 'mdat') {
      // The fragment counts once its data is whole, and only the samples inside this mdat.
      const inside = pending.filter((s) => s.offset >= header.payload && s.offset + s.size <= header.end);
      samples.push(...inside);
      pending = [];
      validLength = header.end;
    } else if (header.type === 'ftyp') {
      validLength = header.end;
    }
    offset = header.end;
  }
  return track ? { track, samples, validLength } : null;
}

function child(bytes: Uint8Array, parent: BoxHeader, type: string): BoxHeader | undefined {
  return childBoxes(bytes, parent.payload, parent.end).find((b) => b.type === type);
}

function path(bytes: Uint8Array, from: BoxHeader, ...types: string[]): BoxHeader | undefined {
  let current: BoxHeader | undefined = from;
  for (const type of types) {
    if (!current) return undefined;
    current = child(bytes, current, type);
  }
  return current;
}

function readTrack(bytes: Uint8Array, moov: BoxHeader): AvcTrackInfo | null {
  const stsd = path(bytes, moov, 'trak', 'mdia', 'minf', 'stbl', 'stsd');
  if (!stsd) return null;
  const avc1 = childBoxes(bytes, stsd.payload + 8, stsd.end).find((b) => b.type === 'avc1');
  if (!avc1) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint16(avc1.payload + 24);
  const height = view.getUint16(avc1.payload + 26);
  const avcC = childBoxes(bytes, avc1.payload + 78, avc1.end).find((b) => b.type === 'avcC');
  if (!avcC) return null;
  let at = avcC.payload + 5;
  const spsCount = bytes[at] & 0x1f;
  at += 1;
  if (spsCount < 1) return null;
  const spsLength = view.getUint16(at);
  const sps = bytes.slice(at + 2, at + 2 + spsLength);
  at += 2 + spsLength;
  for (let i = 1; i < spsCount; i++) at += 2 + view.getUint16(at);
  if (bytes[at] < 1) return null;
  const ppsLength = view.getUint16(at + 1);
  const pps = bytes.slice(at + 3, at + 3 + ppsLength);
  return { width, height, sps, pps };
}

/** The samples a `moof` describes (each `traf` with its `tfdt` and `trun`s). */
function readFragment(bytes: Uint8Array, moof: BoxHeader): FragmentSample[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples: FragmentSample[] = [];
  for (const traf of childBoxes(bytes, moof.payload, moof.end).filter((b) => b.type === 'traf')) {
    const boxes = childBoxes(bytes, traf.payload, traf.end);
    const tfhd = boxes.find((b) => b.type === 'tfhd');
    if (!tfhd) continue;
    const defaults = readTfhd(view, tfhd, moof.start);
    const tfdt = boxes.find((b) => b.type === 'tfdt');
    let decodeTime = tfdt ? (bytes[tfdt.payload] === 1 ? view.getUint32(tfdt.payload + 4) * 2 ** 32 + view.getUint32(tfdt.payload + 8) : view.getUint32(tfdt.payload + 4)) : 0;
    let dataOffset = defaults.base;
    for (const trun of boxes.filter((b) => b.type === 'trun')) {
      const flags = view.getUint32(trun.payload) & 0xffffff;
      const count = view.getUint32(trun.payload + 4);
      let at = trun.payload + 8;
      if (flags & 0x1) {
        dataOffset = defaults.base + view.getInt32(at);
        at += 4;
      }
      let firstFlags: number | null = null;
      if (flags & 0x4) {
        firstFlags = view.getUint32(at);
        at += 4;
      }
      for (let i = 0; i < count; i++) {
        const duration = flags & 0x100 ? view.getUint32(at) : defaults.duration;
        if (flags & 0x100) at += 4;
        const size = flags & 0x200 ? view.getUint32(at) : defaults.size;
        if (flags & 0x200) at += 4;
        let sampleFlags = i === 0 && firstFlags !== null ? firstFlags : defaults.flags;
        if (flags & 0x400) {
          sampleFlags = view.getUint32(at);
          at += 4;
        }
        if (flags & 0x800) at += 4; // composition offset: Argus writes none
        samples.push({ offset: dataOffset, size, decodeTime, duration, keyframe: (sampleFlags & NON_SYNC) === 0 });
        dataOffset += size;
        decodeTime += duration;
      }
    }
  }
  return samples;
}

function readTfhd(view: DataView, tfhd: BoxHeader, moofStart: number): { base: number; duration: number; size: number; flags: number } {
  const flags = view.getUint32(tfhd.payload) & 0xffffff;
  let at = tfhd.payload + 8; // version/flags, track_ID
  let base = moofStart;
  if (flags & 0x1) {
    base = view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4);
    at += 8;
  }
  if (flags & 0x2) at += 4; // sample_description_index
  const duration = flags & 0x8 ? view.getUint32(at) : 0;
  if (flags & 0x8) at += 4;
  const size = flags & 0x10 ? view.getUint32(at) : 0;
  if (flags & 0x10) at += 4;
  const sampleFlags = flags & 0x20 ? view.getUint32(at) : 0;
  return { base, duration, size, flags: sampleFlags };
}
