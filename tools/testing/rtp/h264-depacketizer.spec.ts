import { MAIN_360P_PPS, MAIN_360P_SPS, noisySlice as slice } from '../media/h264-samples';
import { H264Packetizer } from '@argus/adapters/media/h264';
import { H264Depacketizer, type ReceivedAccessUnit } from './h264-depacketizer';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from './rtp-packet';

function receive(packets: RtpPacket[]): ReceivedAccessUnit[] {
  const depacketizer = new H264Depacketizer();
  // Through the wire format, so the header code is part of the round trip.
  const units = packets.flatMap((p) => depacketizer.push(parseRtpPacket(serializeRtpPacket(p)) as RtpPacket));
  return [...units, ...depacketizer.flush()];
}

const plain = (nals: Uint8Array[]) => nals.map((nal) => Array.from(nal));

describe('H264Depacketizer', () => {
  const rtp = (sequenceNumber: number, timestamp: number, payload: Uint8Array, marker = false): RtpPacket => ({
    marker,
    payloadType: 96,
    sequenceNumber,
    timestamp,
    ssrc: 1,
    payload,
  });

  it('unpacks STAP-A aggregates', () => {
    const stapA = Uint8Array.of(0x78, 0, MAIN_360P_SPS.length, ...MAIN_360P_SPS, 0, MAIN_360P_PPS.length, ...MAIN_360P_PPS);
    const idr = slice(5, 50, 9);
    const [unit] = receive([rtp(1, 10, stapA), rtp(2, 10, idr, true)]);
    expect(plain(unit.nals)).toEqual(plain([MAIN_360P_SPS, MAIN_360P_PPS, idr]));
    expect(unit.keyframe).toBe(true);
  });

  it('marks a STAP-A with a size running past the packet as damaged', () => {
    const [unit] = receive([rtp(1, 10, Uint8Array.of(0x78, 0, 2, 0x41, 1, 0, 9, 0x41)), rtp(2, 10, slice(1, 5, 1), true)]);
    expect(unit.damaged).toBe(true);
    expect(unit.nals).toHaveLength(2);
  });

  it('ends an access unit on a new timestamp when the marker packet was lost, and counts the loss', () => {
    const depacketizer = new H264Depacketizer();
    expect(depacketizer.push(rtp(10, 0, slice(1, 5, 1)))).toEqual([]);
    const units = depacketizer.push(rtp(12, 3000, slice(1, 5, 2), true));
    // The lost packet may have begun the second unit too, so both are marked.
    expect(units.map((u) => [u.timestamp, u.damaged])).toEqual([
      [0, true],
      [3000, true],
    ]);
    expect(depacketizer.lostPackets).toBe(1);
    expect(depacketizer.flush()).toEqual([]);
  });

  it('drops a fragmented NAL unit with a missing fragment and marks its access unit damaged', () => {
    const packets = new H264Packetizer({ ssrc: 1, maxPayloadSize: 100 }).packetize([slice(1, 20, 1), slice(1, 500, 2)], 0);
    const units = receive(packets.filter((_, i) => i !== 3).map((p) => parseRtpPacket(p.serialize()) as RtpPacket));
    expect(units).toHaveLength(1);
    expect(units[0].damaged).toBe(true);
    expect(plain(units[0].nals)).toEqual(plain([slice(1, 20, 1)]));
  });

  it('ignores a fragment whose start was never seen and payload types not allowed in mode 1', () => {
    const [unit] = receive([rtp(1, 5, Uint8Array.of(0x7c, 0x05, 1, 2)), rtp(2, 5, Uint8Array.of(0x79, 0, 0)), rtp(3, 5, slice(1, 4, 1), true)]);
    expect(unit.nals).toHaveLength(1);
    expect(unit.damaged).toBe(true);
  });
});
