import { NalType, nalType, parseSps, splitAnnexB } from '../../h264';
import { ByteWriter, box } from './boxes';

/** What an MP4 video track says about its H.264 stream (from the first keyframe's parameter sets). */
export interface AvcTrackInfo {
  width: number;
  height: number;
  sps: Uint8Array;
  pps: Uint8Array;
}

/** High profiles, whose avcC ends with chroma format and bit depths (ISO/IEC 14496-15 5.3.3.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 144]);

/** The track of a keyframe's access unit (Annex B), or null when it carries no SPS and PPS. */
export function avcTrackOf(annexB: Uint8Array): AvcTrackInfo | null {
  let sps: Uint8Array | undefined;
  let pps: Uint8Array | undefined;
  for (const nal of splitAnnexB(annexB)) {
    const type = nalType(nal);
    if (type === NalType.Sps && !sps) sps = nal;
    else if (type === NalType.Pps && !pps) pps = nal;
  }
  if (!sps || !pps) return null;
  try {
    const { width, height } = parseSps(sps);
    return { width, height, sps: sps.slice(), pps: pps.slice() };
  } catch {
    return null;
  }
}

/** Same parameter sets (a new SPS or PPS, e.g. another resolution, needs a new file). */
export function sameTrack(a: AvcTrackInfo, b: AvcTrackInfo): boolean {
  return equalBytes(a.sps, b.sps) && equalBytes(a.pps, b.pps);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An access unit as an MP4 sample: each NAL unit behind its 4-byte length instead of a start code.
 * Access unit delimiters are dropped; parameter sets stay in front of keyframes (as the camera sent
 * them), so a decoder follows a camera that changes them.
 */
export function avcSample(annexB: Uint8Array): Uint8Array {
  const nals = splitAnnexB(annexB).filter((nal) => nalType(nal) !== NalType.Aud);
  const size = nals.reduce((sum, nal) => sum + 4 + nal.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const nal of nals) {
    view.setUint32(offset, nal.length);
    out.set(nal, offset + 4);
    offset += 4 + nal.length;
  }
  return out;
}

/** The `avc1` sample entry with its `avcC` (decoder configuration). */
export function avc1SampleEntry(track: AvcTrackInfo): Uint8Array {
  const { sps, pps } = track;
  const config = new ByteWriter(32 + sps.length + pps.length)
    .u8(1) // configurationVersion
    .u8(sps[1]) // AVCProfileIndication
    .u8(sps[2]) // profile_compatibility
    .u8(sps[3]) // AVCLevelIndication
    .u8(0xfc | 3) // lengthSizeMinusOne: 4-byte lengths
    .u8(0xe0 | 1)
    .u16(sps.length)
    .bytes(sps)
    .u8(1)
    .u16(pps.length)
    .bytes(pps);
  // 4:2:0, 8 bits: what cameras send (the field is informative; decoders read the SPS).
  if (HIGH_PROFILES.has(sps[1])) config.u8(0xfc | 1).u8(0xf8).u8(0xf8).u8(0);
  const entry = new ByteWriter(86)
    .zeros(6)
    .u16(1) // data_reference_index
    .zeros(16) // pre_defined, reserved
    .u16(track.width)
    .u16(track.height)
    .u32(0x00480000) // 72 dpi
    .u32(0x00480000)
    .u32(0)
    .u16(1) // frame_count
    .zeros(32) // compressorname
    .u16(0x0018) // depth
    .u16(0xffff); // pre_defined = -1
  return box('avc1', entry.done(), box('avcC', config.done()));
}
