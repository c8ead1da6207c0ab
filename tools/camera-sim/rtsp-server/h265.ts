import { fragmentationUnits } from '@argus/adapters/media/h264';

/**
 * The little of H.265 the camera server needs to serve an H.265 clip (cameras that send it are why the
 * ffmpeg feed can transcode): NAL unit types (ITU-T H.265 table 7-1) and RTP framing (RFC 7798).
 */
export const H265NalType = { Vps: 32, Sps: 33, Pps: 34, Aud: 35, EndOfSequence: 36, EndOfBitstream: 37, Filler: 38, Fu: 49 } as const;

export function h265NalType(nal: Uint8Array): number {
  return (nal[0] >> 1) & 0x3f;
}

/** IRAP pictures (BLA, IDR, CRA: types 16–23) are where decoding can start. */
export function isH265Keyframe(accessUnit: readonly Uint8Array[]): boolean {
  return accessUnit.some((nal) => h265NalType(nal) >= 16 && h265NalType(nal) <= 23);
}

/** Splits one NAL unit into FU payloads (RFC 7798 section 4.4.3). */
export function fragmentH265Nal(nal: Uint8Array, maxPayloadSize: number): Uint8Array[] {
  // The payload header is the NAL unit's own (F, layer and TID kept) with type 49.
  return fragmentationUnits(nal, 2, [(nal[0] & 0x81) | (H265NalType.Fu << 1), nal[1]], h265NalType(nal), maxPayloadSize);
}

/** The value of `a=fmtp:<pt> ...`: the parameter sets, base64 (RFC 7798 section 7.1). */
export function h265Fmtp(vps: Uint8Array, sps: Uint8Array, pps: Uint8Array): string {
  const base64 = (nal: Uint8Array) => Buffer.from(nal.buffer, nal.byteOffset, nal.byteLength).toString('base64');
  return `sprop-vps=${base64(vps)};sprop-sps=${base64(sps)};sprop-pps=${base64(pps)}`;
}
