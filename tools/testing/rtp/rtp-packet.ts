/** An RTP packet (RFC 3550 section 5.1). Header extensions are skipped when parsing and never written. */
export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  /** 16-bit, wraps at 65535. */
  sequenceNumber: number;
  /** 32-bit, on the media clock (90 kHz for video). */
  timestamp: number;
  ssrc: number;
  csrc?: number[];
  payload: Uint8Array;
}

export const RTP_HEADER_SIZE = 12;
const RTP_VERSION = 2;

export function serializeRtpPacket(packet: RtpPacket): Uint8Array {
  const csrc = packet.csrc ?? [];
  if (csrc.length > 15) throw new RangeError('an RTP packet carries at most 15 CSRCs');
  const headerSize = RTP_HEADER_SIZE + 4 * csrc.length;
  const bytes = new Uint8Array(headerSize + packet.payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, (RTP_VERSION << 6) | csrc.length);
  view.setUint8(1, (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f));
  view.setUint16(2, packet.sequenceNumber & 0xffff);
  view.setUint32(4, packet.timestamp >>> 0);
  view.setUint32(8, packet.ssrc >>> 0);
  csrc.forEach((source, i) => view.setUint32(RTP_HEADER_SIZE + 4 * i, source >>> 0));
  bytes.set(packet.payload, headerSize);
  return bytes;
}

/** Parses one RTP packet; returns null for anything that is not valid RTP version 2 (e.g. RTCP noise). */
export function parseRtpPacket(bytes: Uint8Array): RtpPacket | null {
  if (bytes.length < RTP_HEADER_SIZE || bytes[0] >> 6 !== RTP_VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasPadding = (bytes[0] & 0x20) !== 0;
  const hasExtension = (bytes[0] & 0x10) !== 0;
  const csrcCount = bytes[0] & 0x0f;
  let offset = RTP_HEADER_SIZE + 4 * csrcCount;
  if (offset > bytes.length) return null;
  const csrc = Array.from({ length: csrcCount }, (_, i) => view.getUint32(RTP_HEADER_SIZE + 4 * i));
  if (hasExtension) {
    if (offset + 4 > bytes.length) return null;
    offset += 4 + 4 * view.getUint16(offset + 2); // profile-defined id, then length in 32-bit words
  }
  let end = bytes.length;
  if (hasPadding) end -= bytes[bytes.length - 1]; // the last byte counts the padding bytes
  if (offset > end) return null;
  return {
    marker: (bytes[1] & 0x80) !== 0,
    payloadType: bytes[1] & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    ...(csrcCount > 0 ? { csrc } : {}),
    payload: bytes.subarray(offset, end),
  };
}

/** Sequence numbers compared modulo 2^16: how far `b` is ahead of `a` (negative when behind). */
export function sequenceDistance(a: number, b: number): number {
  const diff = (b - a) & 0xffff;
  return diff >= 0x8000 ? diff - 0x10000 : diff;
}
