import { DamagedVideoMeter, isDamagedAccessUnit } from './damaged-video';

const slice = Uint8Array.from([0x41, 0x9a, 0x02]); // nal_ref_idc 2, type 1
const idr = Uint8Array.from([0x65, 0x88, 0x84]);
const noise = Uint8Array.from([0xc7, 0x12, 0x34]); // forbidden_zero_bit set

describe('isDamagedAccessUnit', () => {
  it('accepts access units an encoder writes', () => {
    expect(isDamagedAccessUnit([idr])).toBe(false);
    expect(isDamagedAccessUnit([Uint8Array.from([0x09, 0x10]), slice])).toBe(false);
  });

  it('flags a NAL unit with forbidden_zero_bit set, or an empty one', () => {
    expect(isDamagedAccessUnit([slice, noise])).toBe(true);
    expect(isDamagedAccessUnit([new Uint8Array(0)])).toBe(true);
  });
});

describe('DamagedVideoMeter', () => {
  const options = { windowMs: 10_000, minUnits: 10, maxDamagedShare: 0.5 };
  /** Feeds `count` units, one every `everyMs` from `from`, damaged when `damaged(i)`; the first verdict. */
  const run = (meter: DamagedVideoMeter, count: number, everyMs: number, damaged: (i: number) => boolean, from = 0) => {
    for (let i = 0; i < count; i++) {
      const verdict = meter.record(damaged(i), from + i * everyMs);
      if (verdict) return { at: from + i * everyMs, verdict };
    }
    return null;
  };

  it('ends a stream that is mostly noise, once a whole window has been seen', () => {
    const found = run(new DamagedVideoMeter(options), 100, 250, (i) => i % 10 !== 0);
    expect(found?.at).toBe(10_000);
    expect(found?.verdict).toMatch(/^the camera sends damaged video \(36 of 40 frames in 10 s\)$/);
  });

  it('lets the odd damaged unit pass, however long the stream runs', () => {
    expect(run(new DamagedVideoMeter(options), 2000, 66, (i) => i % 5 === 0)).toBeNull();
  });

  it('judges the last window only: damage that is over is forgotten', () => {
    const meter = new DamagedVideoMeter(options);
    expect(run(meter, 20, 100, () => true)).toBeNull(); // 2 s of noise at the start: too early to judge
    expect(run(meter, 200, 100, () => false, 2000)).toBeNull();
  });

  it('judges nothing on too few units', () => {
    expect(run(new DamagedVideoMeter(options), 8, 2000, () => true)).toBeNull();
  });
});
