import { RtpHeader, RtpPacket } from 'werift';
import { NalType, nalType } from './nal-unit';

/** RTP clock rate of H.264 video (RFC 6184 section 8.2.1). */
export const H264_CLOCK_RATE = 90_000;
/** Keeps packets under a 1500-byte Ethernet MTU with room for IP/UDP/RTP headers and tunnels. */
export const DEFAULT_MAX_PAYLOAD_SIZE = 1200;
export const DEFAULT_PAYLOAD_TYPE = 96;

export interface H264PacketizerOptions {
  ssrc: number;
  payloadType?: number;
  /** Largest RTP payload; larger NAL units are sent as FU-A fragments. */
  maxPayloadSize?: number;
  initialSequenceNumber?: number;
  /** How a NAL unit too large for one packet is split: FU-A by default (the camera server passes H.265's FU). */
  fragment?: (nal: Uint8Array, maxPayloadSize: number) => Uint8Array[];
}

/**
 * Fragmentation units (RFC 6184 FU-A, RFC 7798 FU): each payload is `prefix` (the FU indicator, or H.265's
 * payload header), an FU header (start and end bits, the NAL unit's type), then a piece of the NAL unit
 * after its own `headerSize` header bytes.
 */
export function fragmentationUnits(nal: Uint8Array, headerSize: number, prefix: readonly number[], type: number, maxPayloadSize: number): Uint8Array[] {
  const overhead = prefix.length + 1;
  const chunkSize = maxPayloadSize - overhead;
  if (chunkSize < 1) throw new RangeError('maxPayloadSize too small for a fragmentation unit');
  const fragments: Uint8Array[] = [];
  for (let offset = headerSize; offset < nal.length; offset += chunkSize) {
    const end = Math.min(nal.length, offset + chunkSize);
    const payload = new Uint8Array(overhead + end - offset);
    payload.set(prefix);
    payload[prefix.length] = (offset === headerSize ? 0x80 : 0) | (end === nal.length ? 0x40 : 0) | type; // S, E bits
    payload.set(nal.subarray(offset, end), overhead);
    fragments.push(payload);
  }
  return fragments;
}

/** Splits one NAL unit into FU-A payloads (RFC 6184 section 5.8). */
export function fragmentNal(nal: Uint8Array, maxPayloadSize: number): Uint8Array[] {
  // The FU indicator keeps the F and NRI bits of the NAL unit, with type 28.
  return fragmentationUnits(nal, 1, [(nal[0] & 0xe0) | NalType.FuA], nalType(nal), maxPayloadSize);
}

/**
 * RFC 6184 non-interleaved mode (packetization-mode=1) sender: single NAL unit packets, FU-A for large
 * NAL units, the marker bit on the last packet of each access unit.
 */
export class H264Packetizer {
  private sequenceNumber: number;
  private readonly payloadType: number;
  private readonly maxPayloadSize: number;
  private readonly fragment: (nal: Uint8Array, maxPayloadSize: number) => Uint8Array[];

  constructor(private readonly options: H264PacketizerOptions) {
    this.fragment = options.fragment ?? fragmentNal;
    this.payloadType = options.payloadType ?? DEFAULT_PAYLOAD_TYPE;
    this.maxPayloadSize = options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD_SIZE;
    this.sequenceNumber = (options.initialSequenceNumber ?? 0) & 0xffff;
  }

  /** The sequence number the next packet will carry (what RTSP's RTP-Info announces). */
  get nextSequenceNumber(): number {
    return this.sequenceNumber;
  }

  get ssrc(): number {
    return this.options.ssrc;
  }

  /** Packets (werift's) for one access unit; every packet carries `timestamp` (90 kHz, wrapped to 32 bits). */
  packetize(accessUnit: readonly Uint8Array[], timestamp: number): RtpPacket[] {
    const payloads = accessUnit
      .filter((nal) => nal.length > 0)
      .flatMap((nal) => (nal.length <= this.maxPayloadSize ? [nal] : this.fragment(nal, this.maxPayloadSize)));
    return payloads.map((payload, i) => {
      const header = new RtpHeader({
        marker: i === payloads.length - 1,
        payloadType: this.payloadType,
        sequenceNumber: this.takeSequenceNumber(),
        timestamp: timestamp >>> 0,
        ssrc: this.options.ssrc >>> 0,
      });
      return new RtpPacket(header, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
    });
  }

  private takeSequenceNumber(): number {
    const current = this.sequenceNumber;
    this.sequenceNumber = (current + 1) & 0xffff;
    return current;
  }
}
