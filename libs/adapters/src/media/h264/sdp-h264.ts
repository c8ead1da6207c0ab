import { NalType, nalType } from './nal-unit';

/** The H.264 parameters of an SDP `a=fmtp` line (RFC 6184 section 8.1). */
export interface H264SdpParameters {
  /** Six hex digits: profile_idc, constraint flags, level_idc, straight from the SPS. */
  profileLevelId: string;
  /** Base64 SPS and PPS, comma-separated, so a receiver can decode before the first in-band SPS. */
  spropParameterSets: string;
}

const hexByte = (byte: number) => byte.toString(16).padStart(2, '0').toUpperCase();

export function h264SdpParameters(sps: Uint8Array, pps: Uint8Array): H264SdpParameters {
  if (nalType(sps) !== NalType.Sps || sps.length < 4) throw new Error('not an H.264 sequence parameter set');
  if (nalType(pps) !== NalType.Pps) throw new Error('not an H.264 picture parameter set');
  const base64 = (nal: Uint8Array) => Buffer.from(nal.buffer, nal.byteOffset, nal.byteLength).toString('base64');
  return {
    profileLevelId: hexByte(sps[1]) + hexByte(sps[2]) + hexByte(sps[3]),
    spropParameterSets: `${base64(sps)},${base64(pps)}`,
  };
}

/** The value of `a=fmtp:<pt> ...` for non-interleaved mode (FU-A and STAP-A allowed). */
export function h264Fmtp(sps: Uint8Array, pps: Uint8Array): string {
  const { profileLevelId, spropParameterSets } = h264SdpParameters(sps, pps);
  return `packetization-mode=1;profile-level-id=${profileLevelId};sprop-parameter-sets=${spropParameterSets}`;
}
