import { NalType, nalType, toAnnexB } from '../h264';

/**
 * Remembers the latest SPS and PPS so every IDR can carry them in front: a decoder or viewer that
 * joins at any keyframe needs nothing else (cameras often send them once, or only in the SDP).
 */
export class ParameterSets {
  sps: Uint8Array | null = null;
  pps: Uint8Array | null = null;

  /**
   * Records the access unit's parameter sets; returns the unit (Annex B), with the last SPS/PPS put
   * in front of an IDR lacking them. `nals` are the unit's NAL units, without start codes.
   */
  complete(data: Uint8Array, nals: readonly Uint8Array[]): Uint8Array {
    const types = nals.map(nalType);
    for (const nal of nals) {
      if (nalType(nal) === NalType.Sps) this.sps = nal.slice();
      else if (nalType(nal) === NalType.Pps) this.pps = nal.slice();
    }
    const missing = [
      ...(types.includes(NalType.Sps) || !this.sps ? [] : [this.sps]),
      ...(types.includes(NalType.Pps) || !this.pps ? [] : [this.pps]),
    ];
    if (!types.includes(NalType.Idr) || missing.length === 0) return data;
    // The access unit delimiter, when present, must stay first (H.264 §7.4.1.2.3).
    const at = types[0] === NalType.Aud ? 1 : 0;
    return toAnnexB([...nals.slice(0, at), ...missing, ...nals.slice(at)]);
  }
}
