/** Picture size from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1). */

export interface PictureSize {
  width: number;
  height: number;
}

// Profiles whose SPS carries chroma format, bit depths and scaling matrices.
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Reads an SPS NAL unit (header byte first); null when it is not a well-formed SPS. */
export function parseSpsSize(nal: Uint8Array): PictureSize | null {
  if (nal.length < 4 || (nal[0] & 0x1f) !== 7) return null;
  try {
    return readSize(new BitReader(unescapeRbsp(nal.subarray(1))));
  } catch {
    return null;
  }
}

function readSize(bits: BitReader): PictureSize {
  const profile = bits.u(8);
  bits.u(16); // constraint flags, level
  bits.ue(); // seq_parameter_set_id
  let chromaFormat = 1;
  let separateColourPlanes = false;
  if (HIGH_PROFILES.has(profile)) {
    chromaFormat = bits.ue();
    if (chromaFormat === 3) separateColourPlanes = bits.u(1) === 1;
    bits.ue(); // bit_depth_luma_minus8
    bits.ue(); // bit_depth_chroma_minus8
    bits.u(1); // qpprime_y_zero_transform_bypass_flag
    if (bits.u(1)) skipScalingMatrices(bits, chromaFormat === 3 ? 12 : 8);
  }
  bits.ue(); // log2_max_frame_num_minus4
  skipPictureOrderCount(bits);
  bits.ue(); // max_num_ref_frames
  bits.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthInMbs = bits.ue() + 1;
  const heightInMapUnits = bits.ue() + 1;
  const frameMbsOnly = bits.u(1);
  if (!frameMbsOnly) bits.u(1); // mb_adaptive_frame_field_flag
  bits.u(1); // direct_8x8_inference_flag
  const crop = bits.u(1) ? [bits.ue(), bits.ue(), bits.ue(), bits.ue()] : [0, 0, 0, 0];
  // Crop units (Table 6-1): in chroma samples unless monochrome or separate colour planes.
  const chroma = separateColourPlanes ? 0 : chromaFormat;
  const cropX = chroma === 0 ? 1 : chroma === 3 ? 1 : 2;
  const cropY = (chroma === 1 ? 2 : 1) * (2 - frameMbsOnly);
  return {
    width: widthInMbs * 16 - cropX * (crop[0] + crop[1]),
    height: (2 - frameMbsOnly) * heightInMapUnits * 16 - cropY * (crop[2] + crop[3]),
  };
}

function skipPictureOrderCount(bits: BitReader): void {
  const type = bits.ue();
  if (type === 0) {
    bits.ue(); // log2_max_pic_order_cnt_lsb_minus4
  } else if (type === 1) {
    bits.u(1); // delta_pic_order_always_zero_flag
    bits.se(); // offset_for_non_ref_pic
    bits.se(); // offset_for_top_to_bottom_field
    const cycle = bits.ue();
    for (let i = 0; i < cycle; i++) bits.se();
  }
}

function skipScalingMatrices(bits: BitReader, count: number): void {
  for (let list = 0; list < count; list++) {
    if (!bits.u(1)) continue;
    const size = list < 6 ? 16 : 64;
    let last = 8;
    let next = 8;
    for (let j = 0; j < size && next !== 0; j++) {
      next = (last + bits.se() + 256) % 256;
      if (next !== 0) last = next;
    }
  }
}

/** Drops emulation-prevention bytes (00 00 03 → 00 00). */
export function unescapeRbsp(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let length = 0;
  let zeros = 0;
  for (const byte of data) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

/** MSB-first bit reader with Exp-Golomb codes; throws past the end. */
class BitReader {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  u(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + this.bit();
    return value;
  }

  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new RangeError('Exp-Golomb code too long');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }

  private bit(): number {
    const byte = this.data[this.position >> 3];
    if (byte === undefined) throw new RangeError('read past the end of the SPS');
    const bit = (byte >> (7 - (this.position & 7))) & 1;
    this.position++;
    return bit;
  }
}
