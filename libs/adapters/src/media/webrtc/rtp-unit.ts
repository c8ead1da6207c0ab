import type { EncodedVideoUnit } from '@argus/domain';
import { DEFAULT_MAX_PAYLOAD_SIZE, H264Packetizer, NalType, isKeyframe, nalType, splitAnnexB } from '../h264';
import type { H264Profile } from './h264-offer';

/** One access unit cut into RTP payloads once per camera, then sent to every viewer. */
export interface RtpUnit {
  /** Payloads in order; the last one carries the marker bit. Shared by all viewers: never modified. */
  payloads: Buffer[];
  /** The camera's `pts90k` on 32 bits: the RTP timestamp, so browsers see the detections' clock. */
  timestamp: number;
  keyframe: boolean;
  bytes: number;
}

/** NAL units a WebRTC receiver has no use for. */
const DROPPED = new Set<number>([NalType.Aud, NalType.Filler]);

/**
 * Turns a camera's Annex B units into RTP payloads (RFC 6184 packetization-mode 1). Keeps the latest
 * SPS/PPS so that every keyframe a viewer starts from carries them, even when the camera sends them
 * only once.
 */
export class RtpUnitPacketizer {
  private sps: Uint8Array | null = null;
  private pps: Uint8Array | null = null;
  // Sequence numbers are per viewer; this packetizer is only used to cut payloads.
  private readonly packetizer: H264Packetizer;

  constructor(maxPayloadSize = DEFAULT_MAX_PAYLOAD_SIZE) {
    this.packetizer = new H264Packetizer({ ssrc: 0, maxPayloadSize });
  }

  /** The profile of the latest SPS (what a viewer's decoder has to handle); null before one arrived. */
  get profile(): H264Profile | null {
    return this.sps && this.sps.length >= 4 ? { profileIdc: this.sps[1], profileIop: this.sps[2] } : null;
  }

  packetize(unit: EncodedVideoUnit): RtpUnit | null {
    // A copy: the payloads outlive this call (GOP cache, paced queues) and the feed owns its buffers.
    let nals = splitAnnexB(unit.data.slice()).filter((nal) => !DROPPED.has(nalType(nal)));
    for (const nal of nals) {
      if (nalType(nal) === NalType.Sps) this.sps = nal.slice();
      if (nalType(nal) === NalType.Pps) this.pps = nal.slice();
    }
    if (nals.length === 0) return null;
    const keyframe = isKeyframe(nals);
    if (keyframe) nals = this.withParameterSets(nals);
    const payloads = this.packetizer
      .packetize(nals, 0)
      .map(({ payload }) => Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
    const bytes = payloads.reduce((sum, p) => sum + p.length, 0);
    return { payloads, timestamp: Math.round(unit.pts90k) >>> 0, keyframe, bytes };
  }

  private withParameterSets(nals: Uint8Array[]): Uint8Array[] {
    const types = new Set(nals.map(nalType));
    const prefix: Uint8Array[] = [];
    if (!types.has(NalType.Sps) && this.sps) prefix.push(this.sps);
    if (!types.has(NalType.Pps) && this.pps) prefix.push(this.pps);
    return prefix.length > 0 ? [...prefix, ...nals] : nals;
  }
}
