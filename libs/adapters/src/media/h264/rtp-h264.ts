import { concatBytes } from './annexb';
import { NalType, isKeyframe, nalType, type AccessUnit } from './nal-unit';
import { sequenceDistance, type RtpPacket } from './rtp-packet';

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

  /** Packets for one access unit; every packet carries `timestamp` (90 kHz, wrapped to 32 bits). */
  packetize(accessUnit: readonly Uint8Array[], timestamp: number): RtpPacket[] {
    const payloads = accessUnit
      .filter((nal) => nal.length > 0)
      .flatMap((nal) => (nal.length <= this.maxPayloadSize ? [nal] : this.fragment(nal, this.maxPayloadSize)));
    return payloads.map((payload, i) => ({
      marker: i === payloads.length - 1,
      payloadType: this.payloadType,
      sequenceNumber: this.takeSequenceNumber(),
      timestamp: timestamp >>> 0,
      ssrc: this.options.ssrc,
      payload,
    }));
  }

  private takeSequenceNumber(): number {
    const current = this.sequenceNumber;
    this.sequenceNumber = (current + 1) & 0xffff;
    return current;
  }
}

/** An access unit rebuilt from RTP. */
export interface ReceivedAccessUnit {
  /** Unfragmented NAL units are views into the packets' payloads: copy them if those buffers get reused. */
  nals: AccessUnit;
  /** RTP timestamp (90 kHz) shared by the unit's packets. */
  timestamp: number;
  keyframe: boolean;
  /** A packet of this unit was lost: the picture is incomplete (decoders conceal, viewers may skip). */
  damaged: boolean;
}

/** Receiver side: single NAL unit, STAP-A and FU-A packets back to NAL units and access units. */
export class H264Depacketizer {
  /** Packets missing from the sequence numbers seen so far. */
  lostPackets = 0;
  private nals: Uint8Array[] = [];
  private fragments: Uint8Array[] | null = null;
  private timestamp = 0;
  private damaged = false;
  private lastSequence: number | null = null;

  /** Feeds one packet; returns the access units it completed (by marker bit or a new timestamp). */
  push(packet: RtpPacket): ReceivedAccessUnit[] {
    const done: ReceivedAccessUnit[] = [];
    const lost = this.detectLoss(packet.sequenceNumber);
    // Which unit a lost packet belonged to is unknowable: both the open unit and the next are marked.
    if (this.hasContent() && packet.timestamp !== this.timestamp) {
      if (lost) this.damaged = true;
      this.emit(done);
    }
    if (lost) {
      this.fragments = null; // a fragmented NAL with a hole can't be rebuilt
      this.damaged = true;
    }
    this.timestamp = packet.timestamp;
    this.readPayload(packet.payload);
    if (packet.marker) this.emit(done);
    return done;
  }

  /** The unit in progress, if any (the stream ended). */
  flush(): ReceivedAccessUnit[] {
    const done: ReceivedAccessUnit[] = [];
    this.emit(done);
    return done;
  }

  /** True when packets went missing (or arrived out of order) before this one. */
  private detectLoss(sequenceNumber: number): boolean {
    const previous = this.lastSequence;
    this.lastSequence = sequenceNumber;
    if (previous === null) return false;
    const gap = sequenceDistance(previous, sequenceNumber) - 1;
    if (gap > 0) this.lostPackets += gap;
    return gap !== 0;
  }

  private hasContent(): boolean {
    return this.nals.length > 0 || this.fragments !== null;
  }

  private readPayload(payload: Uint8Array): void {
    if (payload.length === 0) return;
    const type = payload[0] & 0x1f;
    if (type >= 1 && type <= 23) this.nals.push(payload);
    else if (type === NalType.StapA) this.readStapA(payload);
    else if (type === NalType.FuA) this.readFuA(payload);
    else this.damaged = true; // STAP-B, MTAP, FU-B are not allowed in packetization-mode 1
  }

  private readStapA(payload: Uint8Array): void {
    let offset = 1;
    while (offset + 2 <= payload.length) {
      const size = (payload[offset] << 8) | payload[offset + 1];
      offset += 2;
      if (size === 0 || offset + size > payload.length) {
        this.damaged = true;
        return;
      }
      this.nals.push(payload.subarray(offset, offset + size));
      offset += size;
    }
  }

  private readFuA(payload: Uint8Array): void {
    if (payload.length < 2) return;
    const start = (payload[1] & 0x80) !== 0;
    const end = (payload[1] & 0x40) !== 0;
    if (start) {
      // Rebuild the NAL header from the FU indicator's F/NRI bits and the FU header's type.
      this.fragments = [Uint8Array.of((payload[0] & 0xe0) | (payload[1] & 0x1f))];
    } else if (this.fragments === null) {
      this.damaged = true; // a middle or end fragment whose start we never saw
      return;
    }
    this.fragments.push(payload.subarray(2));
    if (end) {
      this.nals.push(concatBytes(this.fragments));
      this.fragments = null;
    }
  }

  private emit(done: ReceivedAccessUnit[]): void {
    if (this.fragments !== null) this.damaged = true; // the unit ended inside a fragmented NAL
    if (this.nals.length > 0) {
      done.push({ nals: this.nals, timestamp: this.timestamp, keyframe: isKeyframe(this.nals), damaged: this.damaged });
    }
    this.nals = [];
    this.fragments = null;
    this.damaged = false;
  }
}
