/** Annex B H.264 helpers (ITU-T H.264 §7.3.1, Annex B): NAL units, keyframes, parameter sets. */

export const NalType = { NON_IDR: 1, IDR: 5, SEI: 6, SPS: 7, PPS: 8, AUD: 9 } as const;

export interface NalUnit {
  type: number;
  /** The NAL unit without its start code (header byte first). */
  data: Uint8Array;
}

/** The NAL units of an Annex B buffer (3- or 4-byte start codes). */
export function nalUnits(data: Uint8Array): NalUnit[] {
  const units: NalUnit[] = [];
  let start = -1;
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] !== 0 || data[i + 1] !== 0 || data[i + 2] !== 1) continue;
    if (start >= 0) units.push(nalAt(data, start, trimZeros(data, start, i)));
    start = i + 3;
    i += 2;
  }
  if (start >= 0 && start < data.length) units.push(nalAt(data, start, data.length));
  return units;
}

/** An IDR picture: a decoder or a new viewer can start here. */
export function isKeyframe(data: Uint8Array): boolean {
  return nalUnits(data).some((nal) => nal.type === NalType.IDR);
}

const START_CODE = Uint8Array.of(0, 0, 0, 1);

/** Concatenates NAL units as Annex B with 4-byte start codes. */
export function annexB(units: readonly Uint8Array[]): Uint8Array {
  const size = units.reduce((sum, unit) => sum + START_CODE.length + unit.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const unit of units) {
    out.set(START_CODE, offset);
    out.set(unit, offset + START_CODE.length);
    offset += START_CODE.length + unit.length;
  }
  return out;
}

/**
 * Remembers the latest SPS and PPS so every IDR can carry them in front: a decoder or viewer that
 * joins at any keyframe needs nothing else (cameras often send them once, or only in the SDP).
 */
export class ParameterSets {
  sps: Uint8Array | null = null;
  pps: Uint8Array | null = null;

  /** Records the unit's parameter sets; returns the unit, with SPS/PPS put in front of an IDR lacking them. */
  complete(data: Uint8Array, nals: readonly NalUnit[] = nalUnits(data)): Uint8Array {
    let hasSps = false;
    let hasPps = false;
    let idr = false;
    for (const nal of nals) {
      if (nal.type === NalType.SPS) {
        this.sps = nal.data.slice();
        hasSps = true;
      } else if (nal.type === NalType.PPS) {
        this.pps = nal.data.slice();
        hasPps = true;
      } else if (nal.type === NalType.IDR) {
        idr = true;
      }
    }
    if (!idr || (hasSps && hasPps) || !this.sps || !this.pps) return data;
    // The access unit delimiter, when present, must stay first (§7.4.1.2.3).
    const missing = [...(hasSps ? [] : [this.sps]), ...(hasPps ? [] : [this.pps])];
    const at = nals[0]?.type === NalType.AUD ? 1 : 0;
    const ordered = nals.map((nal) => nal.data);
    ordered.splice(at, 0, ...missing);
    return annexB(ordered);
  }
}

function nalAt(data: Uint8Array, start: number, end: number): NalUnit {
  return { type: data[start] & 0x1f, data: data.subarray(start, end) };
}

/** The zero bytes before a start code belong to it (a 4-byte start code or trailing_zero_8bits). */
function trimZeros(data: Uint8Array, from: number, end: number): number {
  while (end > from && data[end - 1] === 0) end--;
  return end;
}
