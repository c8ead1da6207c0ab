import { FakeClock } from './fakes';
import { ManualTimers, seededRandom } from './manual-timers';

const T0 = new Date('2026-01-01T00:00:00Z');

describe('ManualTimers', () => {
  it('runs due callbacks in time order with the clock at their due time', () => {
    const clock = new FakeClock(T0);
    const timers = new ManualTimers(clock);
    const seen: string[] = [];
    const at = (label: string) => () => seen.push(`${label}@${clock.now().getTime() - T0.getTime()}`);
    timers.setTimeout(at('c'), 300);
    timers.setTimeout(at('a'), 100);
    timers.setTimeout(at('b'), 100);
    timers.advance(250);
    expect(seen).toEqual(['a@100', 'b@100']);
    expect(clock.now().getTime() - T0.getTime()).toBe(250);
    timers.advance(50);
    expect(seen).toEqual(['a@100', 'b@100', 'c@300']);
  });

  it('runs callbacks scheduled by callbacks within the same advance, and not later ones', () => {
    const clock = new FakeClock(T0);
    const timers = new ManualTimers(clock);
    let ticks = 0;
    const tick = () => {
      ticks++;
      timers.setTimeout(tick, 1000);
    };
    timers.setTimeout(tick, 1000);
    timers.advance(5500);
    expect(ticks).toBe(5);
    expect(timers.pendingDelays()).toEqual([500]);
  });

  it('never runs a cleared timer', () => {
    const timers = new ManualTimers(new FakeClock(T0));
    const fn = jest.fn();
    const handle = timers.setTimeout(fn, 10);
    timers.clearTimeout(handle);
    timers.advance(100);
    expect(fn).not.toHaveBeenCalled();
    expect(timers.pendingCount).toBe(0);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed, differs between seeds and stays in [0, 1)', () => {
    const a = Array.from({ length: 100 }, seededRandom(1));
    expect(Array.from({ length: 100 }, seededRandom(1))).toEqual(a);
    expect(Array.from({ length: 100 }, seededRandom(2))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
