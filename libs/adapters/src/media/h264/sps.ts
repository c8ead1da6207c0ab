import { BitReader, unescapeRbsp } from './bit-reader';

/** What a viewer or decoder needs to know from a sequence parameter set. */
export interface SpsInfo {
  profileIdc: number;
  /** constraint_set0..5 flags and reserved bits, the middle byte of profile-level-id. */
  constraintFlags: number;
  levelIdc: number;
  /** Picture size after cropping, in pixels. */
  width: number;
  height: number;
  /** Frame rate from the VUI timing info, when the encoder wrote it. */
  fps?: number;
}

/** Profiles whose SPS carries chroma format, bit depths and scaling matrices (H.264 7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(reader: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size && next !== 0; j++) {
    next = (last + reader.se() + 256) % 256;
    if (next !== 0) last = next;
  }
}

/** Reads the high-profile fields; returns chroma_format_idc (1, 4:2:0, for everything else). */
function readChromaFormat(reader: BitReader, profileIdc: number): number {
  if (!HIGH_PROFILES.has(profileIdc)) return 1;
  const chromaFormatIdc = reader.ue();
  if (chromaFormatIdc === 3) reader.skip(1); // separate_colour_plane_flag
  reader.ue(); // bit_depth_luma_minus8
  reader.ue(); // bit_depth_chroma_minus8
  reader.skip(1); // qpprime_y_zero_transform_bypass_flag
  if (reader.flag()) {
    const lists = chromaFormatIdc === 3 ? 12 : 8;
    for (let i = 0; i < lists; i++) {
      if (reader.flag()) skipScalingList(reader, i < 6 ? 16 : 64);
    }
  }
  return chromaFormatIdc;
}

function skipPicOrderCount(reader: BitReader): void {
  reader.ue(); // log2_max_frame_num_minus4
  const pocType = reader.ue();
  if (pocType === 0) {
    reader.ue(); // log2_max_pic_order_cnt_lsb_minus4
  } else if (pocType === 1) {
    reader.skip(1); // delta_pic_order_always_zero_flag
    reader.se();
    reader.se();
    const cycle = reader.ue();
    for (let i = 0; i < cycle; i++) reader.se();
  }
}

/** Frame rate from vui_parameters (only the fields in front of timing_info are needed). */
function readVuiFps(reader: BitReader): number | undefined {
  if (reader.flag()) {
    // aspect_ratio_info_present_flag
    if (reader.bits(8) === 255) reader.skip(32); // Extended_SAR: sar_width, sar_height
  }
  if (reader.flag()) reader.skip(1); // overscan_info_present → overscan_appropriate
  if (reader.flag()) {
    // video_signal_type_present
    reader.skip(4);
    if (reader.flag()) reader.skip(24); // colour description
  }
  if (reader.flag()) {
    reader.ue(); // chroma_sample_loc_type_top_field
    reader.ue();
  }
  if (!reader.flag()) return undefined; // timing_info_present_flag
  const numUnitsInTick = reader.bits(32);
  const timeScale = reader.bits(32);
  // Two ticks per frame (field-based clock) is what encoders write for progressive video.
  return numUnitsInTick > 0 ? timeScale / (2 * numUnitsInTick) : undefined;
}

/** Parses an SPS NAL unit (with its one-byte header). Throws on a truncated or non-SPS unit. */
export function parseSps(nal: Uint8Array): SpsInfo {
  if ((nal[0] & 0x1f) !== 7 || nal.length < 4) throw new Error('not an H.264 sequence parameter set');
  const reader = new BitReader(unescapeRbsp(nal.subarray(1)));
  const profileIdc = reader.bits(8);
  const constraintFlags = reader.bits(8);
  const levelIdc = reader.bits(8);
  reader.ue(); // seq_parameter_set_id
  const chromaFormatIdc = readChromaFormat(reader, profileIdc);
  skipPicOrderCount(reader);
  reader.ue(); // max_num_ref_frames
  reader.skip(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = reader.ue() + 1;
  const heightMapUnits = reader.ue() + 1;
  const frameMbsOnly = reader.flag();
  if (!frameMbsOnly) reader.skip(1); // mb_adaptive_frame_field_flag
  reader.skip(1); // direct_8x8_inference_flag
  const crop = reader.flag() ? [reader.ue(), reader.ue(), reader.ue(), reader.ue()] : [0, 0, 0, 0];
  const cropUnitX = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const cropUnitY = (chromaFormatIdc === 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
  const width = widthMbs * 16 - cropUnitX * (crop[0] + crop[1]);
  const height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16 - cropUnitY * (crop[2] + crop[3]);
  const fps = reader.flag() ? readVuiFps(reader) : undefined;
  return { profileIdc, constraintFlags, levelIdc, width, height, ...(fps ? { fps } : {}) };
}
