import { parseRtpPacket, sequenceDistance, serializeRtpPacket, type RtpPacket } from './rtp-packet';

const packet: RtpPacket = {
  marker: true,
  payloadType: 96,
  sequenceNumber: 65535,
  timestamp: 0xfffffff0,
  ssrc: 0xdeadbeef,
  payload: Uint8Array.of(0x65, 1, 2, 3),
};

describe('RTP packets', () => {
  it('serializes the 12-byte header and parses it back', () => {
    const bytes = serializeRtpPacket(packet);
    expect(Array.from(bytes.subarray(0, 12))).toEqual([0x80, 0xe0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0, 0xde, 0xad, 0xbe, 0xef]);
    expect(parseRtpPacket(bytes)).toEqual(packet);
  });

  it('round-trips CSRCs', () => {
    const withCsrc = { ...packet, marker: false, csrc: [1, 0xffffffff] };
    const bytes = serializeRtpPacket(withCsrc);
    expect(bytes.length).toBe(12 + 8 + 4);
    expect(parseRtpPacket(bytes)).toEqual(withCsrc);
  });

  it('wraps the sequence number and timestamp into their field sizes', () => {
    const parsed = parseRtpPacket(serializeRtpPacket({ ...packet, sequenceNumber: 65536 + 7, timestamp: 2 ** 32 + 5 }));
    expect(parsed).toMatchObject({ sequenceNumber: 7, timestamp: 5 });
  });

  it('skips a header extension and strips padding', () => {
    const bytes = Uint8Array.of(
      0xb0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, // V=2, P=1, X=1
      0xbe, 0xde, 0, 1, 9, 9, 9, 9, // extension: one 32-bit word
      0x41, 0x42, // payload
      0, 0, 3, // padding, last byte counts it
    );
    expect(parseRtpPacket(bytes)).toMatchObject({ sequenceNumber: 1, timestamp: 2, ssrc: 3, payload: Uint8Array.of(0x41, 0x42) });
  });

  it('rejects short packets, other versions and lengths that run past the end', () => {
    expect(parseRtpPacket(Uint8Array.of(0x80, 96, 0))).toBeNull();
    expect(parseRtpPacket(new Uint8Array(20))).toBeNull(); // version 0
    expect(parseRtpPacket(Uint8Array.of(0x8f, 96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toBeNull(); // 15 CSRCs missing
    expect(parseRtpPacket(Uint8Array.of(0x90, 96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9))).toBeNull();
    expect(parseRtpPacket(Uint8Array.of(0xa0, 96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 40))).toBeNull();
  });

  it('parses a packet that is a view into a larger buffer', () => {
    const bytes = serializeRtpPacket(packet);
    const framed = new Uint8Array(bytes.length + 4);
    framed.set(bytes, 4);
    expect(parseRtpPacket(framed.subarray(4))).toEqual(packet);
  });

  it('compares sequence numbers across the wrap', () => {
    expect(sequenceDistance(65535, 0)).toBe(1);
    expect(sequenceDistance(65530, 3)).toBe(9);
    expect(sequenceDistance(3, 65530)).toBe(-9);
    expect(sequenceDistance(10, 10)).toBe(0);
  });
});
