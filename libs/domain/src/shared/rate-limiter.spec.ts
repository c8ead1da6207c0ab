import { FakeClock } from '../testing/fakes';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then one request per refill interval, and says how long to wait', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock, { perSecond: 2, burst: 3 });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(500);
    clock.advance(250);
    expect(limiter.take('a')).toBe(250);
    clock.advance(250);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(500);
  });

  it('keeps one bucket per key and refills to the burst at most', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(clock, { perSecond: 1, burst: 2 });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
    clock.advance(60_000);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1000]);
  });

  it('lets everything through when the rate is 0', () => {
    const limiter = new RateLimiter(new FakeClock(), { perSecond: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(limiter.take('a')).toBe(0);
  });
});
