import { seededRandom } from '../testing/manual-timers';
import { DEFAULT_BACKOFF, reconnectDelayMs } from './backoff';

const NOMINAL = [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000];

describe('reconnectDelayMs', () => {
  it('doubles from 1 s up to 60 s without jitter at the middle of the spread', () => {
    expect(NOMINAL.map((_, attempt) => reconnectDelayMs(attempt, () => 0.5))).toEqual(NOMINAL);
  });

  it('spreads each delay by at most ±20 % and never beyond 60 s', () => {
    const random = seededRandom(1234);
    for (let round = 0; round < 50; round++) {
      NOMINAL.forEach((nominal, attempt) => {
        const delay = reconnectDelayMs(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(Math.round(nominal * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.min(60_000, Math.round(nominal * 1.2)));
      });
    }
  });

  it('reaches both ends of the spread', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(800);
    expect(reconnectDelayMs(0, () => 0.999_999)).toBe(1200);
    expect(reconnectDelayMs(2, () => 0)).toBe(3200);
    expect(reconnectDelayMs(10, () => 0)).toBe(48_000);
    expect(reconnectDelayMs(10, () => 0.999_999)).toBe(60_000);
  });

  it('actually varies between cameras (jitter is applied)', () => {
    const random = seededRandom(99);
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelayMs(3, random)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('stays finite for huge attempt counts', () => {
    expect(reconnectDelayMs(5000, () => 0.5)).toBe(60_000);
    expect(reconnectDelayMs(Number.MAX_SAFE_INTEGER, () => 0.5)).toBe(60_000);
  });

  it('follows a custom policy', () => {
    const policy = { ...DEFAULT_BACKOFF, baseMs: 250, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4].map((a) => reconnectDelayMs(a, () => 0.9, policy))).toEqual([250, 500, 1000, 1000, 1000]);
  });
});
