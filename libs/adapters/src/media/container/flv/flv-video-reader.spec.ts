import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import { concatBytes } from '../../bytes';
import { NalType, nalType } from '../../h264';
import { FlvMuxer } from './flv-muxer';
import { FlvVideoReader } from './flv-video-reader';

/** An FLV stream of `count` pictures, a keyframe (parameter sets in band) every 5. */
function flvStream(count: number): { bytes: Uint8Array; units: Uint8Array[][] } {
  const muxer = new FlvMuxer();
  const units: Uint8Array[][] = [];
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const nals = i % 5 === 0 ? [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 900 + i, 0x41)] : [sliceNal(1, 0, 200 + i, 0x42)];
    units.push(nals);
    parts.push(muxer.unit(nals, 1000 + i * 66, i % 5 === 0) as Uint8Array);
  }
  return { bytes: concatBytes(parts), units };
}

/** FLV as ffmpeg writes it from libx264: parameter sets only in the sequence header. */
function outOfBand(): Uint8Array {
  const record = Uint8Array.of(1, 0x4d, 0x40, 0x16, 0xff, 0xe1, 0, MAIN_360P_SPS.length, ...MAIN_360P_SPS, 1, 0, MAIN_360P_PPS.length, ...MAIN_360P_PPS);
  const idr = sliceNal(5, 0, 300, 0x41);
  const p = sliceNal(1, 0, 100, 0x42);
  const avcc = (nal: Uint8Array) => Uint8Array.of(0, 0, nal.length >> 8, nal.length & 0xff, ...nal);
  const tag = (frameType: number, packetType: number, body: Uint8Array, time: number) => {
    const size = 5 + body.length;
    return Uint8Array.of(
      9, size >> 16, (size >> 8) & 0xff, size & 0xff, (time >> 16) & 0xff, (time >> 8) & 0xff, time & 0xff, (time >>> 24) & 0x7f, 0, 0, 0,
      (frameType << 4) | 7, packetType, 0, 0, 0, ...body,
      0, 0, (11 + size) >> 8, (11 + size) & 0xff,
    );
  };
  const metadata = Uint8Array.of(18, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 14);
  return concatBytes([
    Uint8Array.of(0x46, 0x4c, 0x56, 1, 1, 0, 0, 0, 9, 0, 0, 0, 0),
    metadata,
    tag(1, 0, record, 0),
    tag(1, 1, avcc(idr), 0x7ffffff0),
    tag(2, 1, avcc(p), 0x7fffffff),
  ]);
}

describe('FlvVideoReader', () => {
  it('gives back every picture whole, in whatever pieces the pipe delivers it', () => {
    const { bytes, units } = flvStream(12);
    for (const step of [1, 7, 100, 4096, bytes.length]) {
      const reader = new FlvVideoReader();
      const frames = [];
      for (let at = 0; at < bytes.length; at += step) frames.push(...reader.push(bytes.slice(at, at + step)));
      expect(frames.map((f) => f.nals)).toEqual(units);
      expect(frames.map((f) => f.keyframe)).toEqual(units.map((_, i) => i % 5 === 0));
      expect(frames.map((f) => f.timestampMs)).toEqual(units.map((_, i) => 1000 + i * 66));
    }
  });

  it('hands a picture out as soon as its tag is complete', () => {
    const { bytes } = flvStream(2);
    const reader = new FlvVideoReader();
    const firstTagEnd = bytes.length - (11 + 5 + 4 + 201 + 4);
    expect(reader.push(bytes.slice(0, firstTagEnd))).toHaveLength(1);
    expect(reader.push(bytes.slice(firstTagEnd))).toHaveLength(1);
  });

  it('puts the sequence header’s parameter sets in front of keyframes, skips other tags and keeps 31-bit times', () => {
    const frames = new FlvVideoReader().push(outOfBand());
    expect(frames.map((f) => f.nals.map(nalType))).toEqual([[NalType.Sps, NalType.Pps, NalType.Idr], [NalType.Slice]]);
    expect(frames[0].nals[0]).toEqual(MAIN_360P_SPS);
    expect(frames.map((f) => f.timestampMs)).toEqual([0x7ffffff0, 0x7fffffff]);
  });

  it('refuses what is not FLV', () => {
    expect(() => new FlvVideoReader().push(new TextEncoder().encode('RTSP/1.0 200 OK\r\n'))).toThrow(/not an FLV/);
  });
});

