import { PassThrough } from 'node:stream';
import type { EncodedVideoUnit } from '@argus/domain';
import { KeyframeGatedInput } from './keyframe-gated-input';

const unit = (keyframe: boolean, n = 0): EncodedVideoUnit => ({ data: new Uint8Array([n]), pts90k: n, keyframe, receivedAt: n });

function gate() {
  const counters = { written: 0, dropped: 0 };
  return { counters, input: new KeyframeGatedInput(counters, { stallMs: 100, maxQueuedBytes: 1000, maxPendingUnits: 3 }) };
}

describe('KeyframeGatedInput', () => {
  it('holds from the last keyframe while the child starts, within a bound', () => {
    const { input, counters } = gate();
    input.hold(unit(false, 1)); // nothing to start from
    input.hold(unit(true, 2));
    input.hold(unit(false, 3));
    input.hold(unit(true, 4)); // a newer keyframe: the older group goes
    input.hold(unit(false, 5));
    expect(input.release().map((u) => u.pts90k)).toEqual([4, 5]);
    expect(counters.dropped).toBe(3);
    expect(input.holding).toBe(false);
  });

  it('starts writing at a keyframe, and after a loss waits for the next one', () => {
    const { input, counters } = gate();
    input.release();
    const stdin = new PassThrough();
    expect(input.admit(unit(false), stdin)).toBe(false);
    expect(input.admit(unit(true), stdin)).toBe(true);
    input.wrote();
    expect(input.admit(unit(false), stdin)).toBe(true);
    input.wrote();
    input.drop();
    expect(input.admit(unit(false), stdin)).toBe(false);
    expect(input.admit(unit(true), stdin)).toBe(true);
    expect(counters).toEqual({ written: 2, dropped: 3 });
  });

  it('drops while the child has not taken more than the byte bound', () => {
    const { input } = gate();
    input.release();
    const stdin = new PassThrough({ highWaterMark: 10 });
    stdin.write(Buffer.alloc(2000)); // nobody reads: needs drain, and over the bound
    expect(input.admit(unit(true), stdin)).toBe(false);
    expect(input.admit(unit(true), null)).toBe(false);
  });
});
