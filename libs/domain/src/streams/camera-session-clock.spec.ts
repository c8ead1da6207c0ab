import { MainStreamClock } from './camera-session-clock';

describe('MainStreamClock', () => {
  it('knows nothing before the first unit', () => {
    expect(new MainStreamClock().ptsAt(1000)).toBeNull();
  });

  it("gives the main stream's pts of a moment from the unit that arrived nearest to it", () => {
    const clock = new MainStreamClock();
    for (let i = 0; i < 10; i++) clock.record(1000 + i * 100, 500_000 + i * 9000);
    expect(clock.ptsAt(1000)).toBe(500_000);
    expect(clock.ptsAt(1420)).toBe(500_000 + 4 * 9000 + 20 * 90);
    expect(clock.ptsAt(1460)).toBe(500_000 + 5 * 9000 - 40 * 90);
    // Before the oldest or after the newest unit: counted on from the nearest one.
    expect(clock.ptsAt(900)).toBe(500_000 - 100 * 90);
    expect(clock.ptsAt(2100)).toBe(500_000 + 9 * 9000 + 200 * 90);
  });

  it('keeps only recent units, and forgets them all on a new connection', () => {
    const clock = new MainStreamClock();
    for (let i = 0; i < 1000; i++) clock.record(i * 10, i * 900);
    expect(clock.ptsAt(0)).toBe((1000 - 256) * 900 - (1000 - 256) * 10 * 90);
    clock.reset();
    expect(clock.ptsAt(5000)).toBeNull();
    clock.record(5000, 7);
    expect(clock.ptsAt(5000)).toBe(7);
  });
});
