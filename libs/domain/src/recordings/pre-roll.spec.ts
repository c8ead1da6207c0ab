import { PreRoll } from './pre-roll';
import { T0, testUnit } from '../testing/recording-fakes';

describe('PreRoll', () => {
  it('keeps whole GOPs covering at least the time asked, behind the newest unit', () => {
    const preRoll = new PreRoll(2500);
    for (let i = 0; i < 90; i++) preRoll.push(testUnit(i)); // 6 s, a keyframe every second
    const kept = preRoll.from(0);
    expect(kept[0].keyframe).toBe(true);
    // newest at 89/15 s = 5.93 s; 2.5 s back is 3.43 s: the GOP starting at 3 s is the first needed.
    expect(kept[0].receivedAt).toBe(T0 + 3000);
    expect(kept).toHaveLength(90 - 45);
    expect(preRoll.bytes).toBe(45 * 5);
  });

  it('starts at the last keyframe at or before the time asked', () => {
    const preRoll = new PreRoll(10_000);
    for (let i = 0; i < 60; i++) preRoll.push(testUnit(i));
    expect(preRoll.from(T0 + 2500)[0].receivedAt).toBe(T0 + 2000);
    expect(preRoll.from(T0 + 2000)[0].receivedAt).toBe(T0 + 2000);
    expect(preRoll.from(T0 - 5000)[0].receivedAt).toBe(T0); // older than what is kept: all of it
    expect(preRoll.newest).toBe(testUnit(59).receivedAt);
  });

  it('keeps the GOP under way even with nothing asked, and nothing before the first keyframe', () => {
    const preRoll = new PreRoll(0);
    for (let i = 5; i < 40; i++) preRoll.push(testUnit(i));
    expect(preRoll.from(0).map((u) => u.receivedAt)[0]).toBe(testUnit(30).receivedAt);
    preRoll.setKeep(60_000);
    preRoll.clear();
    expect(preRoll.newest).toBeNull();
    expect(preRoll.bytes).toBe(0);
  });
});
