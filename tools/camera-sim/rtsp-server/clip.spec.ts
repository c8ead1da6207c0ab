import { NalType, nalType, toAnnexB } from '@argus/adapters/media/h264';
import { clipFromAccessUnits, clipFromAnnexB } from './clip';

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));
const SPS = hex('674d4016eca05017fcb80880000003008000000f078b16cb');
const PPS = hex('68ebe3cb20');
const slice = (type: number) => Uint8Array.of(type === 5 ? 0x65 : 0x41, 0x88, 0x84, 0x21);

describe('clipFromAnnexB', () => {
  it('starts at the first IDR, puts SPS/PPS before every IDR and reads size and rate from the SPS', () => {
    const stream = toAnnexB([Uint8Array.of(0x09, 0xf0), slice(1), SPS, PPS, slice(5), slice(1), slice(5), slice(1)]);
    const clip = clipFromAnnexB(stream);
    expect(clip.frames.map((frame) => frame.nals.map(nalType))).toEqual([[7, 8, 5], [1], [7, 8, 5], [1]]);
    expect(clip.frames.map((frame) => frame.keyframe)).toEqual([true, false, true, false]);
    expect(clip).toMatchObject({ width: 640, height: 360, fps: 15 });
    expect(clipFromAnnexB(stream, 10).fps).toBe(10);
  });

  it('drops access unit delimiters', () => {
    const clip = clipFromAnnexB(toAnnexB([Uint8Array.of(0x09, 0xf0), SPS, PPS, slice(5)]));
    expect(clip.frames[0].nals.some((nal) => nalType(nal) === NalType.Aud)).toBe(false);
  });

  it('refuses streams without parameter sets or without an IDR', () => {
    expect(() => clipFromAnnexB(toAnnexB([slice(5)]))).toThrow('no SPS/PPS');
    expect(() => clipFromAnnexB(toAnnexB([SPS, PPS, slice(1)]))).toThrow('no IDR');
  });
});

describe('clipFromAccessUnits', () => {
  it('keeps the parameter sets out of the stream when they are to be in the SDP only', () => {
    const clip = clipFromAccessUnits([[SPS, PPS, slice(5)], [slice(1)], [SPS, PPS, slice(5)]], { parameterSets: 'sdp-only' });
    expect(clip.frames.map((frame) => frame.nals.map(nalType))).toEqual([[5], [1], [5]]);
    expect(clip.frames.map((frame) => frame.keyframe)).toEqual([true, false, true]);
    expect(clip).toMatchObject({ sps: SPS, pps: PPS, width: 640, height: 360 });
  });

  describe('H.265', () => {
    const nal = (type: number) => Uint8Array.of(type << 1, 0x01, 0xaf, 0x10);
    const [VPS, H265_SPS, H265_PPS, AUD, IDR, CRA, TRAIL] = [32, 33, 34, 35, 19, 21, 1].map(nal);

    it('starts at the first IRAP picture, puts VPS/SPS/PPS before each and drops delimiters', () => {
      const clip = clipFromAccessUnits([[AUD, TRAIL], [AUD, VPS, H265_SPS, H265_PPS, IDR], [AUD, TRAIL], [CRA]], { codec: 'h265', fps: 10 });
      expect(clip).toMatchObject({ codec: 'h265', vps: VPS, sps: H265_SPS, pps: H265_PPS, fps: 10 });
      expect(clip.frames.map((frame) => frame.nals.map((n) => (n[0] >> 1) & 0x3f))).toEqual([[32, 33, 34, 19], [1], [32, 33, 34, 21]]);
      expect(clip.frames.map((frame) => frame.keyframe)).toEqual([true, false, true]);
    });

    it('refuses a stream without its parameter sets or without an IRAP picture', () => {
      expect(() => clipFromAccessUnits([[H265_SPS, H265_PPS, IDR]], { codec: 'h265' })).toThrow('no VPS/SPS/PPS');
      expect(() => clipFromAccessUnits([[VPS, H265_SPS, H265_PPS, TRAIL]], { codec: 'h265' })).toThrow('no IRAP');
    });
  });
});
