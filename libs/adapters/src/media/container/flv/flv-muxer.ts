import { concatBytes, sameBytes } from '../../bytes';
import { NalType, nalType } from '../../h264';
import { FLV_AVC_CODEC_ID, FLV_AVC_NALU, FLV_AVC_SEQUENCE_HEADER, FLV_INTER_FRAME, FLV_KEY_FRAME, FLV_TAG_HEADER_SIZE, FLV_VIDEO_TAG } from './flv-format';

/**
 * Wraps H.264 access units in FLV for the decoder's stdin. FLV rather than MPEG-TS because ffmpeg's
 * FLV demuxer takes each tag as a complete frame, while its MPEG-TS demuxer runs the H.264 parser,
 * which holds every frame back until the next one starts: one camera frame interval of delay.
 * Timestamps are milliseconds (32 bits, ~49 days), relative to the first unit written.
 */
export class FlvMuxer {
  private headerWritten = false;
  private sequenceHeader: Uint8Array | null = null;

  /**
   * One access unit as FLV tags (with the file header first and a new AVC sequence header when the
   * SPS/PPS changed). Returns null for a unit that cannot be wrapped yet: no SPS/PPS seen so far.
   */
  unit(nals: readonly Uint8Array[], timestampMs: number, keyframe: boolean): Uint8Array | null {
    const parts: Uint8Array[] = [];
    if (!this.headerWritten) {
      parts.push(fileHeader());
      this.headerWritten = true;
    }
    const sps = nals.find((nal) => nalType(nal) === NalType.Sps);
    const pps = nals.find((nal) => nalType(nal) === NalType.Pps);
    if (sps && pps) {
      const record = avcConfiguration(sps, pps);
      if (!this.sequenceHeader || !sameBytes(record, this.sequenceHeader)) {
        this.sequenceHeader = record;
        parts.push(videoTag(record, timestampMs, FLV_KEY_FRAME, FLV_AVC_SEQUENCE_HEADER));
      }
    }
    if (!this.sequenceHeader) return null;
    // Parameter sets stay in band too; the delimiter carries nothing a decoder needs.
    const payload = lengthPrefixed(nals.filter((nal) => nalType(nal) !== NalType.Aud));
    parts.push(videoTag(payload, timestampMs, keyframe ? FLV_KEY_FRAME : FLV_INTER_FRAME, FLV_AVC_NALU));
    return concatBytes(parts);
  }
}

function fileHeader(): Uint8Array {
  // "FLV", version 1, video only, header size 9, then PreviousTagSize0 = 0.
  return Uint8Array.of(0x46, 0x4c, 0x56, 0x01, 0x01, 0, 0, 0, 9, 0, 0, 0, 0);
}

function videoTag(body: Uint8Array, timestampMs: number, frameType: number, packetType: number): Uint8Array {
  const dataSize = 5 + body.length;
  const tag = new Uint8Array(FLV_TAG_HEADER_SIZE + dataSize + 4);
  const view = new DataView(tag.buffer);
  const time = Math.max(0, Math.round(timestampMs)) >>> 0;
  tag[0] = FLV_VIDEO_TAG;
  tag[1] = (dataSize >> 16) & 0xff;
  tag[2] = (dataSize >> 8) & 0xff;
  tag[3] = dataSize & 0xff;
  tag[4] = (time >> 16) & 0xff;
  tag[5] = (time >> 8) & 0xff;
  tag[6] = time & 0xff;
  tag[7] = (time >>> 24) & 0xff;
  // Stream id (3 bytes) stays 0; composition time 0: Argus has presentation times only.
  tag[FLV_TAG_HEADER_SIZE] = (frameType << 4) | FLV_AVC_CODEC_ID;
  tag[FLV_TAG_HEADER_SIZE + 1] = packetType;
  tag.set(body, FLV_TAG_HEADER_SIZE + 5);
  view.setUint32(FLV_TAG_HEADER_SIZE + dataSize, FLV_TAG_HEADER_SIZE + dataSize);
  return tag;
}

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1) with one SPS and one PPS. */
function avcConfiguration(sps: Uint8Array, pps: Uint8Array): Uint8Array {
  const record = new Uint8Array(11 + sps.length + pps.length);
  record.set([1, sps[1], sps[2], sps[3], 0xff, 0xe1, sps.length >> 8, sps.length & 0xff]);
  record.set(sps, 8);
  const at = 8 + sps.length;
  record.set([1, pps.length >> 8, pps.length & 0xff], at);
  record.set(pps, at + 3);
  return record;
}

/** NAL units with 4-byte big-endian lengths instead of start codes (AVCC). */
function lengthPrefixed(nals: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(nals.reduce((sum, nal) => sum + 4 + nal.length, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const nal of nals) {
    view.setUint32(offset, nal.length);
    out.set(nal, offset + 4);
    offset += 4 + nal.length;
  }
  return out;
}
