import { toAnnexB } from '../../h264/annexb';
import { NalType, nalType } from '../../h264/nal-unit';
import { clipFromAnnexB } from './clip';

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
