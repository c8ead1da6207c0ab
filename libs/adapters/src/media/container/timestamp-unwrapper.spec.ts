import { FLV_TIMESTAMP_BITS, MPEGTS_TIMESTAMP_BITS, TimestampUnwrapper } from './timestamp-unwrapper';

describe('TimestampUnwrapper', () => {
  it('continues through the 31-bit FLV wrap and takes small steps back as such', () => {
    const line = new TimestampUnwrapper(FLV_TIMESTAMP_BITS);
    expect([0x7fffffc0, 0x7fffffe0, 0x10, 0x30, 0x20].map((t) => line.elapsed(t))).toEqual([0, 32, 80, 112, 96]);
  });

  it('keeps the first 33-bit PTS and keeps counting past 2^33', () => {
    const line = new TimestampUnwrapper(MPEGTS_TIMESTAMP_BITS);
    const start = 2 ** 33 - 6000;
    expect([start, start + 3000, 0, 3000].map((t) => line.next(t))).toEqual([start, start + 3000, 2 ** 33, 2 ** 33 + 3000]);
  });

  it('follows a step back across the wrap', () => {
    const line = new TimestampUnwrapper(MPEGTS_TIMESTAMP_BITS);
    expect([1000, 2 ** 33 - 2000].map((t) => line.next(t))).toEqual([1000, -2000]);
  });
});
