import { NalType, nalType, splitAnnexB, toAnnexB } from '../h264';
import { FeedUnit, PictureJoiner, continuesPicture } from './picture-joiner';

// NAL units as the feed sees them. A slice's second byte starts with first_mb_in_slice as ue(v):
// 0x80 is "1…" (macroblock 0, a picture's first slice), 0x40 is "010" (macroblock 1), 0x20 "00100" (3).
const AUD = Uint8Array.of(0x09, 0xf0);
const SPS = Uint8Array.of(0x67, 0x4d, 0x40, 0x1e, 0xaa);
const PPS = Uint8Array.of(0x68, 0xee, 0x3c, 0x80);
const SEI = Uint8Array.of(0x06, 0x05, 0x01, 0x80);
const idrSlice = (firstMbBits: number) => Uint8Array.of(0x65, firstMbBits, 0x11, 0x22);
const pSlice = (firstMbBits: number) => Uint8Array.of(0x41, firstMbBits, 0x33, 0x44);

const FRAME = 6000; // 15 fps at 90 kHz

function unit(pts90k: number, nals: Uint8Array[], receivedAt = pts90k / 90): FeedUnit {
  return { data: toAnnexB(nals), nals, pts90k, receivedAt };
}

/** A picture of two slices, as ffmpeg hands it on when the server puts SPS/PPS in front of each IDR slice. */
const splitIdr = (pts: number) => [
  unit(pts, [AUD, SPS, PPS, SEI, idrSlice(0x80)]),
  unit(pts + 1, [AUD, SPS, PPS, idrSlice(0x20)], pts / 90 + 130),
];
const wholeIdr = (pts: number) => unit(pts, [AUD, SPS, PPS, idrSlice(0x80), idrSlice(0x20)]);
const p = (pts: number) => unit(pts, [AUD, pSlice(0x80), pSlice(0x20)]);

function run(units: FeedUnit[]): FeedUnit[] {
  const out: FeedUnit[] = [];
  const joiner = new PictureJoiner((u) => out.push(u));
  units.forEach((u) => joiner.push(u));
  return out;
}

const types = (u: FeedUnit) => splitAnnexB(u.data).map(nalType);

describe('PictureJoiner', () => {
  it('joins an IDR picture that came in pieces into one unit, at the first piece’s time', () => {
    const out = run([...splitIdr(0), p(FRAME), p(2 * FRAME), ...splitIdr(3 * FRAME), p(4 * FRAME)]);
    expect(out.map((u) => u.pts90k)).toEqual([0, FRAME, 2 * FRAME, 3 * FRAME, 4 * FRAME]);
    expect(types(out[0])).toEqual([NalType.Aud, NalType.Sps, NalType.Pps, NalType.Sei, NalType.Idr, NalType.Idr]);
    expect(out[0].nals).toHaveLength(6);
    expect(out[0].receivedAt).toBe(0);
    expect(types(out[3])).toEqual([NalType.Aud, NalType.Sps, NalType.Pps, NalType.Sei, NalType.Idr, NalType.Idr]);
  });

  it('joins three pieces too', () => {
    const third = unit(2, [AUD, SPS, PPS, idrSlice(0x10)]);
    const out = run([...splitIdr(0), third, p(FRAME)]);
    expect(out.map((u) => u.pts90k)).toEqual([0, FRAME]);
    expect(types(out[0]).filter((t) => t === NalType.Idr)).toHaveLength(3);
  });

  it('keeps parameter sets that differ from the picture’s own', () => {
    const otherPps = Uint8Array.of(0x68, 0xce, 0x3c, 0x80);
    const out = run([unit(0, [SPS, PPS, idrSlice(0x80)]), unit(1, [otherPps, idrSlice(0x20)]), p(FRAME)]);
    expect(out[0].nals).toEqual([SPS, PPS, idrSlice(0x80), otherPps, idrSlice(0x20)]);
  });

  it('holds only the first keyframe of a stream that does not split them, and only until the next unit', () => {
    const out: FeedUnit[] = [];
    const joiner = new PictureJoiner((u) => out.push(u));
    joiner.push(wholeIdr(0));
    expect(out).toEqual([]);
    joiner.push(p(FRAME));
    expect(out.map((u) => u.pts90k)).toEqual([0, FRAME]);
    joiner.push(wholeIdr(2 * FRAME));
    expect(out.map((u) => u.pts90k)).toEqual([0, FRAME, 2 * FRAME]);
    expect(out[0]).toEqual(wholeIdr(0));
  });

  it('holds keyframes again once a stream starts splitting them', () => {
    const out: FeedUnit[] = [];
    const joiner = new PictureJoiner((u) => out.push(u));
    [wholeIdr(0), p(FRAME), ...splitIdr(2 * FRAME), p(3 * FRAME)].forEach((u) => joiner.push(u));
    // The first split picture had already gone on: its second piece follows as it is.
    expect(out.map((u) => u.pts90k)).toEqual([0, FRAME, 2 * FRAME, 2 * FRAME + 1, 3 * FRAME]);
    [...splitIdr(4 * FRAME), p(5 * FRAME)].forEach((u) => joiner.push(u));
    expect(out.map((u) => u.pts90k).slice(5)).toEqual([4 * FRAME, 5 * FRAME]);
    expect(types(out[5]).filter((t) => t === NalType.Idr)).toHaveLength(2);
  });

  it('passes units other than keyframes at once', () => {
    const out: FeedUnit[] = [];
    const joiner = new PictureJoiner((u) => out.push(u));
    [wholeIdr(0), p(FRAME)].forEach((u) => joiner.push(u));
    joiner.push(p(2 * FRAME));
    expect(out.map((u) => u.pts90k)).toEqual([0, FRAME, 2 * FRAME]);
  });
});

describe('continuesPicture', () => {
  const idr = unit(0, [SPS, PPS, idrSlice(0x80)]);

  it('is true for slices of the same kind, none at macroblock 0, within a tick or so', () => {
    expect(continuesPicture(idr, unit(1, [SPS, PPS, idrSlice(0x40)]))).toBe(true);
    expect(continuesPicture(idr, unit(0, [idrSlice(0x20)]))).toBe(true);
  });

  it('is false for the next picture, another kind of slice, a first slice or no slice at all', () => {
    expect(continuesPicture(idr, unit(FRAME, [idrSlice(0x40)]))).toBe(false);
    expect(continuesPicture(idr, unit(1, [pSlice(0x40)]))).toBe(false);
    expect(continuesPicture(idr, unit(1, [idrSlice(0x80)]))).toBe(false);
    expect(continuesPicture(idr, unit(1, [idrSlice(0x40), idrSlice(0x80)]))).toBe(false);
    expect(continuesPicture(idr, unit(1, [SPS, PPS]))).toBe(false);
  });
});
