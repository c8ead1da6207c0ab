import { RateMeter } from './rate-meter';

describe('RateMeter', () => {
  it('counts the events of the last window per second', () => {
    const meter = new RateMeter(5000);
    for (let t = 0; t < 5000; t += 100) meter.record(t);
    expect(meter.perSecond(4999)).toBe(10);
    expect(meter.perSecond(7450)).toBe(5); // 2500 … 4900 are inside (2450, 7450]
    expect(meter.perSecond(10_000)).toBe(0);
  });

  it('is zero before anything happened', () => {
    expect(new RateMeter().perSecond(123)).toBe(0);
  });
});
