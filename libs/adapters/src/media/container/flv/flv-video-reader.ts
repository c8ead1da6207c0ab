import { concatBytes } from '../../bytes';
import { NalType, nalType } from '../../h264';
import { FLV_AVC_CODEC_ID, FLV_AVC_NALU, FLV_AVC_SEQUENCE_HEADER, FLV_FILE_HEADER_SIZE, FLV_KEY_FRAME, FLV_PREVIOUS_TAG_SIZE, FLV_TAG_HEADER_SIZE, FLV_VIDEO_TAG } from './flv-format';

/** One H.264 picture read from FLV: its NAL units (parameter sets in front of keyframes). */
export interface FlvVideoFrame {
  nals: Uint8Array[];
  /** The tag's timestamp in ms (FLV keeps 31 bits of it: it wraps, see TimestampUnwrapper). */
  timestampMs: number;
  keyframe: boolean;
}

/** A tag larger than this is not a video frame of a camera: the stream is damaged. */
const MAX_TAG_SIZE = 16 * 1024 * 1024;

/**
 * Reads ffmpeg's FLV output (H.264 only) as it arrives on a pipe. Unlike an Annex B stream, where a
 * picture is only known complete once the next one begins, every FLV tag carries its size, so each
 * picture is handed out the moment its last byte arrives. The parameter sets of the sequence header
 * are put in front of every keyframe (ffmpeg's FLV carries them out of band only).
 */
export class FlvVideoReader {
  private pending: Uint8Array = new Uint8Array(0);
  private headerRead = false;
  private lengthSize = 4;
  private parameterSets: Uint8Array[] = [];

  push(chunk: Uint8Array): FlvVideoFrame[] {
    this.pending = this.pending.length === 0 ? chunk : concatBytes([this.pending, chunk]);
    const frames: FlvVideoFrame[] = [];
    let offset = 0;
    if (!this.headerRead) {
      if (this.pending.length < FLV_FILE_HEADER_SIZE) return frames;
      if (this.pending[0] !== 0x46 || this.pending[1] !== 0x4c || this.pending[2] !== 0x56) throw new Error('not an FLV stream');
      const headerSize = readUint32(this.pending, 5);
      if (this.pending.length < headerSize + FLV_PREVIOUS_TAG_SIZE) return frames;
      offset = headerSize + FLV_PREVIOUS_TAG_SIZE;
      this.headerRead = true;
    }
    while (this.pending.length - offset >= FLV_TAG_HEADER_SIZE) {
      const type = this.pending[offset] & 0x1f;
      const dataSize = (this.pending[offset + 1] << 16) | (this.pending[offset + 2] << 8) | this.pending[offset + 3];
      if (dataSize > MAX_TAG_SIZE) throw new Error(`FLV tag of ${dataSize} bytes`);
      const end = offset + FLV_TAG_HEADER_SIZE + dataSize + FLV_PREVIOUS_TAG_SIZE;
      if (this.pending.length < end) break;
      const time = ((this.pending[offset + 7] << 24) | (this.pending[offset + 4] << 16) | (this.pending[offset + 5] << 8) | this.pending[offset + 6]) >>> 0;
      const data = this.pending.subarray(offset + FLV_TAG_HEADER_SIZE, offset + FLV_TAG_HEADER_SIZE + dataSize);
      if (type === FLV_VIDEO_TAG) {
        const frame = this.videoTag(data, time);
        if (frame) frames.push(frame);
      }
      offset = end;
    }
    this.pending = this.pending.slice(offset);
    return frames;
  }

  private videoTag(data: Uint8Array, timestampMs: number): FlvVideoFrame | null {
    if (data.length < 5 || (data[0] & 0x0f) !== FLV_AVC_CODEC_ID) return null;
    const keyframe = data[0] >> 4 === FLV_KEY_FRAME;
    const body = data.subarray(5);
    if (data[1] === FLV_AVC_SEQUENCE_HEADER) {
      this.configuration(body);
      return null;
    }
    if (data[1] !== FLV_AVC_NALU) return null;
    const nals = this.lengthPrefixed(body);
    if (nals.length === 0) return null;
    const inBand = nals.some((nal) => nalType(nal) === NalType.Sps);
    const withSets = keyframe && !inBand ? [...this.parameterSets, ...nals] : nals;
    return { nals: withSets.filter((nal) => nalType(nal) !== NalType.Aud), timestampMs, keyframe };
  }

  /** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1): NAL length size, SPS and PPS. */
  private configuration(record: Uint8Array): void {
    if (record.length < 7) return;
    this.lengthSize = (record[4] & 0x03) + 1;
    const sets: Uint8Array[] = [];
    let at = 5;
    const readSets = (count: number) => {
      for (let i = 0; i < count && at + 2 <= record.length; i++) {
        const length = (record[at] << 8) | record[at + 1];
        sets.push(record.slice(at + 2, at + 2 + length));
        at += 2 + length;
      }
    };
    readSets(record[at++] & 0x1f); // SPS
    if (at < record.length) readSets(record[at++]); // PPS
    this.parameterSets = sets.filter((nal) => nal.length > 0);
  }

  private lengthPrefixed(body: Uint8Array): Uint8Array[] {
    const nals: Uint8Array[] = [];
    let at = 0;
    while (at + this.lengthSize <= body.length) {
      let length = 0;
      for (let i = 0; i < this.lengthSize; i++) length = length * 256 + body[at + i];
      at += this.lengthSize;
      if (length === 0 || at + length > body.length) break;
      nals.push(body.slice(at, at + length));
      at += length;
    }
    return nals;
  }
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}
