import { BitReader, unescapeRbsp } from './bit-reader';
import { BASELINE_1080P_SPS, HIGH_1080P_SPS, MAIN_360P_PPS, MAIN_360P_SPS } from '@argus/tools/testing/media/h264-samples';
import { parseSps } from './sps';

describe('parseSps', () => {
  it('reads a main-profile 640×360 SPS at 15 fps', () => {
    expect(parseSps(MAIN_360P_SPS)).toEqual({ profileIdc: 77, constraintFlags: 0x40, levelIdc: 22, width: 640, height: 360, fps: 15 });
  });

  it('applies the frame cropping of a 1080p baseline SPS (1088 coded rows)', () => {
    expect(parseSps(BASELINE_1080P_SPS)).toMatchObject({ profileIdc: 66, levelIdc: 40, width: 1920, height: 1080, fps: 25 });
  });

  it('reads the chroma format fields of a high-profile SPS', () => {
    expect(parseSps(HIGH_1080P_SPS)).toMatchObject({ profileIdc: 100, width: 1920, height: 1080, fps: 25 });
  });

  it('rejects other NAL units and truncated parameter sets', () => {
    expect(() => parseSps(MAIN_360P_PPS)).toThrow('not an H.264 sequence parameter set');
    expect(() => parseSps(MAIN_360P_SPS.subarray(0, 6))).toThrow(RangeError);
  });
});

describe('BitReader', () => {
  it('reads Exp-Golomb codes', () => {
    // 1 | 010 | 011 | 00100 | 00101 → ue 0,1,2,3,4 ; then 010 011 as se +1, -1
    const reader = new BitReader(Uint8Array.of(0b10100110, 0b01000010, 0b10100110));
    expect([reader.ue(), reader.ue(), reader.ue(), reader.ue(), reader.ue()]).toEqual([0, 1, 2, 3, 4]);
    expect([reader.se(), reader.se()]).toEqual([1, -1]);
  });

  it('removes emulation-prevention bytes', () => {
    expect(Array.from(unescapeRbsp(Uint8Array.of(0x67, 0, 0, 3, 1, 0, 0, 3, 0, 3)))).toEqual([0x67, 0, 0, 1, 0, 0, 0, 3]);
  });
});
