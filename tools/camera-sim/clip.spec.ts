import { toAnnexB } from '@argus/adapters/media/h264/annexb';
import { NalType, nalType } from '@argus/adapters/media/h264/nal-unit';
import { parseDigestParams } from './rtsp-auth';
import { clipFromAnnexB } from './clip';
import { FRAME_COUNTER_LAYOUT, frameCounterFilters, readFrameCounter } from './frame-counter';

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

describe('frame counter', () => {
  const { width, height, left, top, cell, bits } = FRAME_COUNTER_LAYOUT;

  /** A grey picture with the counter drawn the way the drawbox filters draw it. */
  function drawCounter(frame: number, scale = 1): Uint8Array {
    const w = width * scale;
    const luma = new Uint8Array(w * height * scale).fill(110);
    const fill = (cellIndex: number, value: number) => {
      for (let y = top * scale; y < (top + cell) * scale; y++) {
        luma.fill(value, y * w + (left + cellIndex * cell) * scale, y * w + (left + (cellIndex + 1) * cell) * scale);
      }
    };
    for (let i = 0; i < bits + 2; i++) fill(i, 16);
    fill(0, 235);
    for (let bit = 0; bit < bits; bit++) if ((frame >> bit) & 1) fill(bit + 2, 235);
    return luma;
  }

  it.each([0, 1, 45, 179, 4095])('reads frame %i back', (frame) => {
    expect(readFrameCounter(drawCounter(frame), width, height)).toBe(frame);
  });

  it('reads a picture of another size with the same proportions', () => {
    expect(readFrameCounter(drawCounter(77, 2), width * 2, height * 2)).toBe(77);
  });

  it('returns null when the marker is missing', () => {
    expect(readFrameCounter(new Uint8Array(width * height).fill(200), width, height)).toBeNull();
  });

  it('draws one box per bit, switched on by the frame number', () => {
    const filters = frameCounterFilters();
    expect(filters).toHaveLength(bits + 2);
    expect(filters[2 + 3]).toContain("enable='eq(mod(floor(n/8),2),1)'");
  });
});

describe('parseDigestParams', () => {
  it('reads quoted and bare values', () => {
    expect(parseDigestParams('username="a b", realm="r", nonce="n", uri="rtsp://h/x", response="f00", algorithm=MD5, nc=00000001')).toEqual({
      username: 'a b',
      realm: 'r',
      nonce: 'n',
      uri: 'rtsp://h/x',
      response: 'f00',
      algorithm: 'MD5',
      nc: '00000001',
    });
  });
});
