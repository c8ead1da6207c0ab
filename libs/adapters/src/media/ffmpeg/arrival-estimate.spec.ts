import { ArrivalEstimate } from './arrival-estimate';

describe('ArrivalEstimate', () => {
  it('takes one frame interval (the last PTS step) off each arrival but the first', () => {
    const arrival = new ArrivalEstimate();
    expect(arrival.of(0, 10_100)).toBe(10_100);
    expect(arrival.of(9000, 10_200)).toBe(10_200 - 100);
    expect(arrival.of(12_600, 10_240)).toBe(10_240 - 40);
  });

  it('does not correct after a stall or a PTS jump, and never goes back in time', () => {
    const arrival = new ArrivalEstimate();
    arrival.of(0, 5000);
    expect(arrival.of(90_000 * 5, 10_000)).toBe(10_000); // 5 s step: a stall, not a frame interval
    expect(arrival.of(0, 10_050)).toBe(10_050); // PTS went back
    expect(arrival.of(9000, 10_060)).toBe(10_050); // 10 060 − 100 would be before the previous unit
  });
});
