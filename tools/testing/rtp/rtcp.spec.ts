import { RtcpType, parseSenderReport, rtcpPacketTypes, serializeBye, serializeSenderReport } from './rtcp';

describe('RTCP', () => {
  it('round-trips a sender report with the wall clock in NTP format', () => {
    const report = { ssrc: 0xcafebabe, wallClockMs: 1_700_000_000_250, rtpTimestamp: 0xffffff00, packetCount: 12, octetCount: 3456 };
    const bytes = serializeSenderReport(report);
    expect(bytes.length).toBe(28);
    const parsed = parseSenderReport(bytes);
    expect(parsed).toMatchObject({ ...report, wallClockMs: expect.any(Number) });
    expect(parsed?.wallClockMs).toBeCloseTo(report.wallClockMs, 3);
  });

  it('lists the packet types of a compound packet and rejects non-RTCP bytes', () => {
    const sr = serializeSenderReport({ ssrc: 1, wallClockMs: 0, rtpTimestamp: 0, packetCount: 0, octetCount: 0 });
    const compound = new Uint8Array([...sr, ...serializeBye(1)]);
    expect(rtcpPacketTypes(compound)).toEqual([RtcpType.SenderReport, RtcpType.Bye]);
    expect(rtcpPacketTypes(Uint8Array.of(0x80, 96, 0, 0))).toEqual([]);
    expect(rtcpPacketTypes(compound.subarray(0, 30))).toEqual([]);
    expect(parseSenderReport(serializeBye(1))).toBeNull();
  });
});
