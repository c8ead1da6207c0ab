import { RtpPacer, type PacedPacket } from './rtp-pacer';
import type { RtpUnit } from './rtp-unit';

const unit = (sizes: number[]): RtpUnit => ({
  payloads: sizes.map((n) => Buffer.alloc(n)),
  timestamp: 0,
  keyframe: false,
  bytes: sizes.reduce((a, b) => a + b, 0),
});

describe('RtpPacer', () => {
  let now = 0;
  const sent: PacedPacket[] = [];
  const pacer = () => new RtpPacer((p) => sent.push(p), { bytesPerMs: 100, burstBytes: 1000, now: () => now });

  beforeEach(() => {
    jest.useFakeTimers();
    now = 0;
    sent.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('sends a unit within the burst at once, marker on its last packet, with the given timestamp', () => {
    pacer().push(unit([300, 300]), 1234);
    expect(sent.map((p) => [p.payload.length, p.marker, p.timestamp])).toEqual([
      [300, false, 1234],
      [300, true, 1234],
    ]);
  });

  it('spreads a backlog over time at the sustained rate', () => {
    const p = pacer();
    for (let i = 0; i < 5; i++) p.push(unit([500]), i);
    expect(sent).toHaveLength(2); // 1000 tokens: the second packet takes them below zero
    now = 10;
    jest.advanceTimersByTime(10); // 1000 bytes refilled (100/ms)
    expect(sent.length).toBe(4);
    now = 30;
    jest.advanceTimersByTime(20);
    expect(sent.map((s) => s.timestamp)).toEqual([0, 1, 2, 3, 4]);
    expect(p.backlog).toBe(0);
  });

  it('drops the backlog on stop', () => {
    const p = pacer();
    for (let i = 0; i < 5; i++) p.push(unit([600]), i);
    p.stop();
    now = 100;
    jest.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
  });
});
