import { MAIN_360P_PPS, MAIN_360P_SPS, sliceNal } from './h264-samples.testing';
import { H264Depacketizer, H264Packetizer, fragmentNal, type ReceivedAccessUnit } from './rtp-h264';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from './rtp-packet';

/** Bytes that look random but repeat run to run. */
function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

function slice(type: number, size: number, seed: number): Uint8Array {
  const nal = noise(size, seed);
  nal.set(sliceNal(type, 0, 2));
  return nal;
}

function receive(packets: RtpPacket[]): ReceivedAccessUnit[] {
  const depacketizer = new H264Depacketizer();
  // Through the wire format, so the header code is part of the round trip.
  const units = packets.flatMap((p) => depacketizer.push(parseRtpPacket(serializeRtpPacket(p)) as RtpPacket));
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
    expect(packets.map((p) => p.marker)).toEqual([false, false, true, true]);
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
    expect(packets.map((p) => p.sequenceNumber)).toEqual([65534, 65535, 0, 1]);
    expect(packetizer.nextSequenceNumber).toBe(2);
    const depacketizer = new H264Depacketizer();
    const units = packets.flatMap((p) => depacketizer.push(p));
    expect(units.map((u) => [u.timestamp, u.damaged])).toEqual([
      [2 ** 32 - 3000, false],
      [3000, false],
    ]);
    expect(depacketizer.lostPackets).toBe(0);
  });
});

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
    const units = receive(packets.filter((_, i) => i !== 3));
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
