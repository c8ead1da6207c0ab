/** RTCP packet types (RFC 3550 section 12.1). */
export const RtcpType = { SenderReport: 200, ReceiverReport: 201, SourceDescription: 202, Bye: 203 } as const;

/** Sender report: ties an RTP timestamp to wall-clock time, which receivers use as capture time. */
export interface RtcpSenderReport {
  ssrc: number;
  /** Wall-clock time (ms since the Unix epoch) at the instant `rtpTimestamp` refers to. */
  wallClockMs: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export function serializeSenderReport(report: RtcpSenderReport): Uint8Array {
  const bytes = new Uint8Array(28);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x80); // version 2, no padding, no report blocks
  view.setUint8(1, RtcpType.SenderReport);
  view.setUint16(2, bytes.length / 4 - 1); // length in 32-bit words minus one
  view.setUint32(4, report.ssrc >>> 0);
  const seconds = Math.floor(report.wallClockMs / 1000);
  const fraction = Math.floor(((report.wallClockMs % 1000) / 1000) * 2 ** 32);
  view.setUint32(8, (seconds + NTP_UNIX_OFFSET_S) >>> 0);
  view.setUint32(12, fraction >>> 0);
  view.setUint32(16, report.rtpTimestamp >>> 0);
  view.setUint32(20, report.packetCount >>> 0);
  view.setUint32(24, report.octetCount >>> 0);
  return bytes;
}

export function parseSenderReport(bytes: Uint8Array): RtcpSenderReport | null {
  if (bytes.length < 28 || bytes[0] >> 6 !== 2 || bytes[1] !== RtcpType.SenderReport) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seconds = view.getUint32(8) - NTP_UNIX_OFFSET_S;
  return {
    ssrc: view.getUint32(4),
    wallClockMs: seconds * 1000 + (view.getUint32(12) / 2 ** 32) * 1000,
    rtpTimestamp: view.getUint32(16),
    packetCount: view.getUint32(20),
    octetCount: view.getUint32(24),
  };
}

export function serializeBye(ssrc: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 0x81); // version 2, one source
  view.setUint8(1, RtcpType.Bye);
  view.setUint16(2, 1);
  view.setUint32(4, ssrc >>> 0);
  return bytes;
}

/** Packet types in a compound RTCP packet; empty when the bytes are not RTCP. */
export function rtcpPacketTypes(bytes: Uint8Array): number[] {
  const types: number[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const type = bytes[offset + 1];
    if (bytes[offset] >> 6 !== 2 || type < 192 || type > 223) return [];
    types.push(type);
    offset += 4 * (((bytes[offset + 2] << 8) | bytes[offset + 3]) + 1);
  }
  return offset === bytes.length ? types : [];
}
