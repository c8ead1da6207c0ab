import { BitReader, unescapeRbsp } from './bit-reader';

/** nal_unit_type values (H.264 table 7-1, RFC 6184 section 5.2) that Argus looks at. */
export const NalType = {
  Slice: 1,
  Idr: 5,
  Sei: 6,
  Sps: 7,
  Pps: 8,
  Aud: 9,
  EndOfSequence: 10,
  EndOfStream: 11,
  Filler: 12,
  StapA: 24,
  FuA: 28,
} as const;

/** One access unit: the NAL units of one picture (parameter sets and SEI included), without start codes. */
export type AccessUnit = Uint8Array[];

export function nalType(nal: Uint8Array): number {
  return nal[0] & 0x1f;
}

/** Slices (types 1–5) carry the picture; everything else is side information. */
export function isVclType(type: number): boolean {
  return type >= 1 && type <= 5;
}

export function isKeyframe(accessUnit: readonly Uint8Array[]): boolean {
  return accessUnit.some((nal) => nalType(nal) === NalType.Idr);
}

/** first_mb_in_slice of a slice NAL: 0 for the first slice of a picture. */
export function firstMbInSlice(nal: Uint8Array): number {
  // The value sits right after the one-byte NAL header; a few bytes are plenty for one ue(v).
  return new BitReader(unescapeRbsp(nal.subarray(1, 9))).ue();
}

/** The first NAL unit of the given type in an access unit, if any. */
export function findNal(accessUnit: readonly Uint8Array[], type: number): Uint8Array | undefined {
  return accessUnit.find((nal) => nalType(nal) === type);
}
