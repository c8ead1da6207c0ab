/** Real parameter sets written by x264 (ffmpeg 5.1), shared by the H.264 specs. */
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

/** Baseline 1920×1080 at 25 fps (cropped from 1088 rows; emulation-prevention bytes in the VUI). */
export const BASELINE_1080P_SPS = hex('6742c028d900780227e5c044000003000400000300c83c60c920');
/** High profile 1920×1080 at 25 fps. */
export const HIGH_1080P_SPS = hex('67640028acd940780227e5c044000003000400000300c83c60c658');
/** Main profile 640×360 at 15 fps, the camera simulator's format. */
export const MAIN_360P_SPS = hex('674d4016eca05017fcb80880000003008000000f078b16cb');
export const MAIN_360P_PPS = hex('68ebe3cb20');

/** A slice NAL of the given type whose first_mb_in_slice is `firstMb` (< 7), padded to `size` bytes. */
export function sliceNal(type: number, firstMb: number, size = 16, fill = 0x5a): Uint8Array {
  const nal = new Uint8Array(size).fill(fill);
  nal[0] = (type === 5 ? 0x60 : 0x40) | type; // NRI 3 or 2
  // ue(v) for 0..6: 1, 010, 011, 00100, 00101, 00110, 00111 — then a stop bit pattern.
  const codes = ['1', '010', '011', '00100', '00101', '00110', '00111'];
  nal[1] = parseInt((codes[firstMb] + '1111111').slice(0, 8), 2);
  return nal;
}

/** Bytes that look random but repeat run to run. */
function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/** A slice NAL unit of `size` bytes filled with repeatable noise after its header. */
export function noisySlice(type: number, size: number, seed: number): Uint8Array {
  const nal = noise(size, seed);
  nal.set(sliceNal(type, 0, 2));
  return nal;
}
