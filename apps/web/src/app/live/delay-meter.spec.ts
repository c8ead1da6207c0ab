import { DelayMeter } from './delay-meter';

describe('DelayMeter', () => {
  const feed = (meter: DelayMeter, samples: number[]) => samples.map((s) => meter.record(s));

  it('raises the delay to the 90th percentile of lateness plus a margin', () => {
    const meter = new DelayMeter({ samples: 10, marginMs: 40, maxMs: 600 });
    const changed = feed(meter, [80, 90, 100, 100, 110, 120, 130, 140, 150, 300]);
    expect(changed.at(-1)).toBe(true);
    expect(meter.target).toBe(150 + 40);
  });

  it('lowers it again when boxes come early, never below zero or above the cap', () => {
    const meter = new DelayMeter({ samples: 2, marginMs: 0, maxMs: 500 });
    feed(meter, [400, 400]);
    expect(meter.target).toBe(400);
    feed(meter, [400, 400]);
    expect(meter.target).toBe(500);
    feed(meter, [-300, -300]);
    expect(meter.target).toBe(200);
    feed(meter, [-900, -900]);
    expect(meter.target).toBe(0);
  });

  it('ignores corrections under 20 ms', () => {
    const meter = new DelayMeter({ samples: 1, marginMs: 0, maxMs: 500 });
    expect(meter.record(10)).toBe(false);
    expect(meter.target).toBe(0);
  });
});
