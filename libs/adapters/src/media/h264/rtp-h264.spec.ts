import { MAIN_360P_PPS, MAIN_360P_SPS, noisySlice as slice } from '@argus/tools/testing/media/h264-samples';
import { H264Depacketizer, type ReceivedAccessUnit } from '@argus/tools/testing/rtp/h264-depacketizer';
import { parseRtpPacket, type RtpPacket } from '@argus/tools/testing/rtp/rtp-packet';
import type { RtpPacket as WeriftRtpPacket } from 'werift';
import { H264Packetizer, fragmentNal } from './rtp-h264';

function receive(packets: WeriftRtpPacket[]): ReceivedAccessUnit[] {
  const depacketizer = new H264Depacketizer();
  // Through the wire format, so the header code is part of the round trip.
  const units = packets.flatMap((p) => depacketizer.push(parseRtpPacket(p.serialize()) as RtpPacket));
  return [...units, ...depacketizer.flush()];
}

const plain = (nals: Uint8Array[]) => nals.map((nal) => Array.from(nal));

describe('H264Packetizer → H264Depacketizer', () => {
  it('sends small NAL units whole and rebuilds identical access units', () => {
    const packetizer = new H264Packetizer({ ssrc: 42 });
    const idr = [MAIN_360P_SPS, MAIN_360P_PPS, slice(5, 900, 1)];
    const next = [slice(1, 300, 2)];
    const packets = [...packetizer.packetize(idr, 0), ...packetizer.packetize(next, 6000)];
    expect(packets.map((p) => p.payload.length)).toEqual([MAIN_360P_SPS.length, MAIN_360P_PPS.length, 900, 300]);
    expect(packets.map((p) => p.header.marker)).toEqual([false, false, true, true]);
    const units = receive(packets);
    expect(units.map((u) => [u.timestamp, u.keyframe, u.damaged])).toEqual([
      [0, true, false],
      [6000, false, false],
    ]);
    expect(plain(units[0].nals)).toEqual(plain(idr));
    expect(plain(units[1].nals)).toEqual(plain(next));
  });

  it.each([1201, 2398, 2399, 50_000])('fragments a %i-byte NAL unit as FU-A and rebuilds it byte for byte', (size) => {
    const packetizer = new H264Packetizer({ ssrc: 1, maxPayloadSize: 1200 });
    const nal = slice(5, size, size);
    const packets = packetizer.packetize([nal], 90_000);
    expect(packets.length).toBe(Math.ceil((size - 1) / 1198));
    expect(packets.every((p) => p.payload.length <= 1200 && p.payload[0] === ((nal[0] & 0xe0) | 28))).toBe(true);
    expect(packets.map((p) => p.payload[1] & 0xc0)).toEqual(packets.map((_, i) => (i === 0 ? 0x80 : 0) | (i === packets.length - 1 ? 0x40 : 0)));
    const [unit] = receive(packets);
    expect(plain(unit.nals)).toEqual(plain([nal]));
    expect(unit).toMatchObject({ keyframe: true, damaged: false, timestamp: 90_000 });
  });

  it('sends a NAL unit of exactly the payload size whole', () => {
    expect(new H264Packetizer({ ssrc: 1, maxPayloadSize: 100 }).packetize([slice(1, 100, 3)], 0)).toHaveLength(1);
    expect(() => fragmentNal(slice(1, 10, 3), 2)).toThrow(RangeError);
  });

  it('wraps sequence numbers at 65535 and timestamps at 2^32 without losing packets', () => {
    const packetizer = new H264Packetizer({ ssrc: 7, initialSequenceNumber: 65534 });
    const packets = [...packetizer.packetize([slice(5, 3000, 4)], 2 ** 32 - 3000), ...packetizer.packetize([slice(1, 10, 5)], 2 ** 32 + 3000)];
    expect(packets.map((p) => p.header.sequenceNumber)).toEqual([65534, 65535, 0, 1]);
    expect(packetizer.nextSequenceNumber).toBe(2);
    const depacketizer = new H264Depacketizer();
    const units = packets.flatMap((p) => depacketizer.push(parseRtpPacket(p.serialize()) as RtpPacket));
    expect(units.map((u) => [u.timestamp, u.damaged])).toEqual([
      [2 ** 32 - 3000, false],
      [3000, false],
    ]);
    expect(depacketizer.lostPackets).toBe(0);
  });
});
