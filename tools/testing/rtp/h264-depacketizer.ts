import { concatBytes } from '@argus/adapters/media/bytes';
import { isKeyframe, NalType, type AccessUnit } from '@argus/adapters/media/h264';
import { sequenceDistance, type RtpPacket } from './rtp-packet';

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
