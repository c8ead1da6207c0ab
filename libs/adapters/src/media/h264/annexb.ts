import { concatBytes } from '../bytes';
import { NalType, firstMbInSlice, isVclType, nalType, type AccessUnit } from './nal-unit';

const START_CODE = Uint8Array.of(0, 0, 0, 1);

/** Index of the next 00 00 01 at or after `from`, or -1. */
function findStartCode(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 2 < bytes.length; i++) {
    if (bytes[i + 2] > 1) {
      i += 2; // no start code can begin at i, i+1 or i+2
    } else if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1) {
      return i;
    }
  }
  return -1;
}

/** Drops the zero bytes in front of a 4-byte start code (and trailing_zero_8bits), which belong to no NAL. */
function trimTrailingZeros(nal: Uint8Array): Uint8Array {
  let end = nal.length;
  while (end > 0 && nal[end - 1] === 0) end--;
  return nal.subarray(0, end);
}

/** Splits a complete Annex B byte stream (3- or 4-byte start codes) into NAL units (without start codes). */
export function splitAnnexB(stream: Uint8Array): Uint8Array[] {
  const splitter = new AnnexBSplitter();
  return [...splitter.push(stream), ...splitter.end()];
}

/**
 * Splits an Annex B stream that arrives in arbitrary chunks (a pipe from ffmpeg): a NAL unit is only
 * complete once the next start code has been seen, so the tail is kept until then or until end().
 */
export class AnnexBSplitter {
  private pending: Uint8Array = new Uint8Array(0);
  private searchFrom = 0;
  private nalStart = -1;

  push(chunk: Uint8Array): Uint8Array[] {
    this.pending = this.pending.length === 0 ? chunk : concatBytes([this.pending, chunk]);
    const nals: Uint8Array[] = [];
    for (;;) {
      const at = findStartCode(this.pending, this.searchFrom);
      if (at < 0) break;
      if (this.nalStart >= 0) this.collect(nals, this.pending.subarray(this.nalStart, at));
      this.nalStart = at + 3;
      this.searchFrom = at + 3;
    }
    this.compact();
    return nals;
  }

  /** The last NAL unit (the stream ended, so it is complete). */
  end(): Uint8Array[] {
    const nals: Uint8Array[] = [];
    if (this.nalStart >= 0) this.collect(nals, this.pending.subarray(this.nalStart));
    this.pending = new Uint8Array(0);
    this.nalStart = -1;
    this.searchFrom = 0;
    return nals;
  }

  private collect(nals: Uint8Array[], raw: Uint8Array): void {
    const nal = trimTrailingZeros(raw);
    if (nal.length > 0) nals.push(nal);
  }

  /** Forgets bytes already handed out, keeping the unfinished NAL (or a possible partial start code). */
  private compact(): void {
    const keepFrom = this.nalStart >= 0 ? this.nalStart : Math.max(0, this.pending.length - 3);
    this.pending = this.pending.slice(keepFrom);
    this.searchFrom = Math.max(0, this.searchFrom - keepFrom, this.pending.length - 3);
    if (this.nalStart >= 0) this.nalStart = 0;
  }
}

/** Does `nal` begin a new access unit after one that already has a picture (H.264 7.4.1.2.3, simplified)? */
function startsNewAccessUnit(nal: Uint8Array): boolean {
  const type = nalType(nal);
  if (type === NalType.Aud || type === NalType.Sps || type === NalType.Pps || type === NalType.Sei) return true;
  if (type >= 14 && type <= 18) return true;
  return isVclType(type) && firstMbInSlice(nal) === 0;
}

/** Groups NAL units into access units as they come: each push returns the unit it completed, if any. */
export class AccessUnitGrouper {
  private current: AccessUnit = [];
  private hasPicture = false;

  push(nal: Uint8Array): AccessUnit | null {
    const type = nalType(nal);
    let done: AccessUnit | null = null;
    if ((this.hasPicture && startsNewAccessUnit(nal)) || (type === NalType.Aud && this.current.length > 0)) {
      done = this.current;
      this.current = [];
      this.hasPicture = false;
    }
    this.current.push(nal);
    if (isVclType(type)) this.hasPicture = true;
    return done;
  }

  /** The unit in progress (the stream ended); null when it holds no picture. */
  flush(): AccessUnit | null {
    const last = this.hasPicture ? this.current : null;
    this.current = [];
    this.hasPicture = false;
    return last;
  }
}

export function groupAccessUnits(nals: readonly Uint8Array[]): AccessUnit[] {
  const grouper = new AccessUnitGrouper();
  const units: AccessUnit[] = [];
  for (const nal of nals) {
    const done = grouper.push(nal);
    if (done) units.push(done);
  }
  const last = grouper.flush();
  if (last) units.push(last);
  return units;
}

/** Joins NAL units into Annex B with 4-byte start codes (what decoders and ffmpeg's h264 demuxer read). */
export function toAnnexB(nals: readonly Uint8Array[]): Uint8Array {
  return concatBytes(nals.flatMap((nal) => [START_CODE, nal]));
}
