import { GopCache } from './gop-cache';
import type { RtpUnit } from './rtp-unit';

const unit = (timestamp: number, keyframe = false, bytes = 100): RtpUnit => ({
  payloads: [Buffer.alloc(bytes)],
  timestamp,
  keyframe,
  bytes,
});

describe('GopCache', () => {
  it('is empty until the first keyframe', () => {
    const cache = new GopCache();
    cache.push(unit(1));
    expect(cache.snapshot()).toEqual({ units: [], complete: true });
  });

  it('keeps the units since the latest keyframe', () => {
    const cache = new GopCache();
    [unit(1, true), unit(2), unit(3, true), unit(4), unit(5)].forEach((u) => cache.push(u));
    expect(cache.snapshot().units.map((u) => u.timestamp)).toEqual([3, 4, 5]);
    expect(cache.snapshot().complete).toBe(true);
  });

  it('keeps only the keyframe of a GOP longer than the unit or byte limit', () => {
    const byCount = new GopCache({ maxUnits: 2, maxBytes: 1e6 });
    [unit(1, true), unit(2), unit(3), unit(4), unit(5)].forEach((u) => byCount.push(u));
    expect(byCount.snapshot()).toEqual({ units: [unit(1, true)], complete: false });
    const byBytes = new GopCache({ maxUnits: 100, maxBytes: 250 });
    [unit(1, true), unit(2), unit(3)].forEach((u) => byBytes.push(u));
    expect(byBytes.snapshot()).toEqual({ units: [unit(1, true)], complete: false });
    byBytes.push(unit(9, true));
    expect(byBytes.snapshot()).toEqual({ units: [unit(9, true)], complete: true });
  });

  it('forgets everything on clear', () => {
    const cache = new GopCache();
    cache.push(unit(1, true));
    cache.clear();
    expect(cache.snapshot().units).toEqual([]);
  });
});
