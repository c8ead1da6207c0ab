import { execFileSync } from 'node:child_process';
import { annexB, isKeyframe, nalUnits, NalType, ParameterSets } from './h264-nal';
import { parseSpsSize, unescapeRbsp } from './h264-sps';
import { anyFfmpeg } from './testing/ffmpeg-binaries';

/** One H.264 frame (Annex B) of the given size, encoded by ffmpeg's libx264. */
function encodeFrame(width: number, height: number, extra: string[] = []): Uint8Array {
  return execFileSync(anyFfmpeg(), [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=1`,
    '-frames:v', '1', '-c:v', 'libx264', '-preset', 'ultrafast', ...extra, '-f', 'h264', 'pipe:1',
  ]);
}

const sps = (frame: Uint8Array) => nalUnits(frame).find((nal) => nal.type === NalType.SPS)?.data as Uint8Array;
const bytes = (...values: number[]) => Uint8Array.from(values);

describe('nalUnits', () => {
  it('splits on 3- and 4-byte start codes and drops the zeros in front of a start code', () => {
    const data = bytes(0, 0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 0, 1, 0x65, 7);
    expect(nalUnits(data).map((nal) => [nal.type, [...nal.data]])).toEqual([
      [9, [0x09, 0xf0]],
      [7, [0x67, 1, 2]],
      [5, [0x65, 7]],
    ]);
  });

  it('finds nothing without a start code', () => {
    expect(nalUnits(bytes(1, 2, 3))).toEqual([]);
  });

  it('tells keyframes (IDR) apart', () => {
    expect(isKeyframe(bytes(0, 0, 1, 0x09, 0xf0, 0, 0, 1, 0x65, 1))).toBe(true);
    expect(isKeyframe(bytes(0, 0, 1, 0x41, 1))).toBe(false);
  });
});

describe('ParameterSets', () => {
  const SPS = bytes(0x67, 0x64, 0x00, 0x1f);
  const PPS = bytes(0x68, 0xee);
  const AUD = bytes(0x09, 0xf0);
  const IDR = bytes(0x65, 0x88);

  it('puts the last SPS/PPS in front of an IDR lacking them, after the delimiter', () => {
    const sets = new ParameterSets();
    const first = annexB([AUD, SPS, PPS, IDR]);
    expect(sets.complete(first)).toBe(first);
    const bare = annexB([AUD, IDR]);
    expect(sets.complete(bare)).toEqual(annexB([AUD, SPS, PPS, IDR]));
  });

  it('leaves other units alone, and IDRs when it has seen no parameter sets', () => {
    const sets = new ParameterSets();
    const idr = annexB([IDR]);
    expect(sets.complete(idr)).toBe(idr);
    sets.complete(annexB([SPS, PPS, IDR]));
    const inter = annexB([bytes(0x41, 0x9a)]);
    expect(sets.complete(inter)).toBe(inter);
  });
});

describe('parseSpsSize', () => {
  it.each([
    [320, 240, []],
    [640, 360, []], // 368 coded lines, cropped
    [1920, 1080, []],
    [176, 144, ['-profile:v', 'baseline']],
    [640, 480, ['-pix_fmt', 'yuv444p', '-profile:v', 'high444']],
    [1280, 720, ['-x264-params', 'cqm=jvt']], // scaling matrices in the SPS
    [854, 480, ['-x264-params', 'interlaced=1']], // field coding
  ])('reads %ix%i %j', (width, height, extra) => {
    expect(parseSpsSize(sps(encodeFrame(width, height, extra as string[])))).toEqual({ width, height });
  });

  it('returns null for what is not an SPS or is cut short', () => {
    const real = sps(encodeFrame(320, 240));
    expect(parseSpsSize(bytes(0x68, 1, 2, 3))).toBeNull();
    expect(parseSpsSize(real.subarray(0, 5))).toBeNull();
  });
});

describe('unescapeRbsp', () => {
  it('drops emulation-prevention bytes only', () => {
    expect([...unescapeRbsp(bytes(1, 0, 0, 3, 1, 0, 0, 3, 0, 3))]).toEqual([1, 0, 0, 1, 0, 0, 0, 3]);
  });
});
