import { splitAnnexB, toAnnexB } from '../h264';
import { ParameterSets } from './parameter-sets';

const bytes = (...values: number[]) => Uint8Array.from(values);
const SPS = bytes(0x67, 0x64, 0x00, 0x1f);
const PPS = bytes(0x68, 0xee);
const AUD = bytes(0x09, 0xf0);
const IDR = bytes(0x65, 0x88);
const complete = (sets: ParameterSets, data: Uint8Array) => sets.complete(data, splitAnnexB(data));

describe('ParameterSets', () => {
  it('puts the last SPS/PPS in front of an IDR lacking them, after the delimiter', () => {
    const sets = new ParameterSets();
    const first = toAnnexB([AUD, SPS, PPS, IDR]);
    expect(complete(sets, first)).toBe(first);
    expect(complete(sets, toAnnexB([AUD, IDR]))).toEqual(toAnnexB([AUD, SPS, PPS, IDR]));
    expect(complete(sets, toAnnexB([PPS, IDR]))).toEqual(toAnnexB([SPS, PPS, IDR]));
  });

  it('leaves other units alone, and IDRs when it has seen no parameter sets', () => {
    const sets = new ParameterSets();
    const idr = toAnnexB([IDR]);
    expect(complete(sets, idr)).toBe(idr);
    complete(sets, toAnnexB([SPS, PPS, IDR]));
    const inter = toAnnexB([bytes(0x41, 0x9a)]);
    expect(complete(sets, inter)).toBe(inter);
  });

  it('follows new parameter sets', () => {
    const sets = new ParameterSets();
    const newer = bytes(0x67, 0x42, 0x00, 0x1e);
    complete(sets, toAnnexB([SPS, PPS, IDR]));
    complete(sets, toAnnexB([newer, PPS, IDR]));
    expect(complete(sets, toAnnexB([IDR]))).toEqual(toAnnexB([newer, PPS, IDR]));
  });
});
