import { AccessUnitGrouper, AnnexBSplitter, groupAccessUnits, splitAnnexB, toAnnexB } from './annexb';
import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from '@argus/tools/testing/media/h264-samples';
import { NalType, findNal, firstMbInSlice, isKeyframe, isVclType, nalType } from './nal-unit';

const bytes = (...values: number[]) => Uint8Array.of(...values);
const list = (nals: Uint8Array[]) => nals.map((nal) => Array.from(nal));

describe('splitAnnexB', () => {
  it('splits on 3- and 4-byte start codes and drops the zero bytes around them', () => {
    const stream = bytes(0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 4, 5, 0, 0);
    expect(list(splitAnnexB(stream))).toEqual([
      [0x67, 1, 2],
      [0x68, 3],
      [0x65, 4, 5],
    ]);
  });

  it('ignores bytes before the first start code and empty NAL units', () => {
    expect(list(splitAnnexB(bytes(9, 9, 0, 0, 1, 0, 0, 1, 0x41, 7)))).toEqual([[0x41, 7]]);
  });

  it('returns nothing for a stream without start codes', () => {
    expect(splitAnnexB(bytes(1, 2, 3, 0, 0))).toEqual([]);
  });

  it('keeps emulation-prevented bytes (00 00 03) inside a NAL unit', () => {
    const nal = bytes(0x41, 0, 0, 3, 1, 0, 0, 3, 0, 7);
    expect(list(splitAnnexB(toAnnexB([nal, bytes(0x41, 2)])))).toEqual([Array.from(nal), [0x41, 2]]);
  });
});

describe('AnnexBSplitter', () => {
  const nals = [MAIN_360P_SPS, MAIN_360P_PPS, sliceNal(5, 0, 3000), sliceNal(1, 0, 40), sliceNal(1, 0, 7)];
  const stream = toAnnexB(nals);

  it.each([1, 2, 3, 5, 64, 1000])('gives the same NAL units when the stream arrives in %i-byte chunks', (size) => {
    const splitter = new AnnexBSplitter();
    const out: Uint8Array[] = [];
    for (let offset = 0; offset < stream.length; offset += size) {
      out.push(...splitter.push(stream.subarray(offset, offset + size)));
    }
    out.push(...splitter.end());
    expect(list(out)).toEqual(list(nals));
  });

  it('holds back the last NAL unit until the next start code or the end', () => {
    const splitter = new AnnexBSplitter();
    expect(splitter.push(toAnnexB([bytes(0x41, 1)]))).toEqual([]);
    expect(list(splitter.push(bytes(0, 0, 1, 0x41, 2)))).toEqual([[0x41, 1]]);
    expect(list(splitter.end())).toEqual([[0x41, 2]]);
    expect(splitter.end()).toEqual([]);
  });
});

describe('access units', () => {
  it('starts a new unit at a slice with first_mb_in_slice 0 and keeps later slices of a picture together', () => {
    const idr = [sliceNal(5, 0), sliceNal(5, 3)];
    const units = groupAccessUnits([MAIN_360P_SPS, MAIN_360P_PPS, ...idr, sliceNal(1, 0), sliceNal(1, 0), sliceNal(1, 4)]);
    expect(units.map((unit) => unit.map(nalType))).toEqual([[7, 8, 5, 5], [1], [1, 1]]);
    expect(units.map((unit) => isKeyframe(unit))).toEqual([true, false, false]);
  });

  it('starts a new unit at an access unit delimiter, SEI or parameter set after a picture', () => {
    const aud = bytes(0x09, 0xf0);
    const sei = bytes(0x06, 5, 1, 0x80);
    const units = groupAccessUnits([aud, sliceNal(1, 0), aud, sliceNal(1, 0), sei, sliceNal(1, 0), MAIN_360P_SPS, sliceNal(5, 0)]);
    expect(units.map((unit) => unit.map(nalType))).toEqual([[9, 1], [9, 1], [6, 1], [7, 5]]);
  });

  it('keeps end-of-sequence with the picture it follows and drops a trailing unit without a picture', () => {
    const grouper = new AccessUnitGrouper();
    expect(grouper.push(sliceNal(1, 0))).toBeNull();
    expect(grouper.push(bytes(NalType.EndOfSequence))).toBeNull();
    expect(grouper.push(MAIN_360P_SPS)?.map(nalType)).toEqual([1, 10]);
    expect(grouper.flush()).toBeNull();
  });

  it('reads first_mb_in_slice and the NAL types', () => {
    expect([0, 1, 2, 3, 6].map((mb) => firstMbInSlice(sliceNal(1, mb)))).toEqual([0, 1, 2, 3, 6]);
    expect(isVclType(NalType.Idr)).toBe(true);
    expect(isVclType(NalType.Sps)).toBe(false);
    expect(findNal([MAIN_360P_SPS, MAIN_360P_PPS], NalType.Pps)).toBe(MAIN_360P_PPS);
    expect(findNal([MAIN_360P_SPS], NalType.Pps)).toBeUndefined();
  });
});
