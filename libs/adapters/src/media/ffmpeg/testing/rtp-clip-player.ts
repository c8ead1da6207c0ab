import { randomInt } from 'node:crypto';
import { splitAnnexB } from '../../h264';
import type { DemuxedUnit } from '../mpegts-demuxer';
import { StreamType } from '../mpegts-psi';

export type ClipCodec = 'h264' | 'h265';

const MAX_PAYLOAD = 1400;
const PAYLOAD_TYPE = 96;

/** The NAL units of each access unit, timed, for RTP packetisation (RFC 6184 / RFC 7798). */
export interface ClipFrame {
  pts90k: number;
  nals: Uint8Array[];
}

export interface Clip {
  codec: ClipCodec;
  frames: ClipFrame[];
  /** Length of one pass, in 90 kHz ticks. */
  duration90k: number;
  /** Parameter sets for the SDP (H.264: SPS, PPS; H.265: VPS, SPS, PPS). */
  parameterSets: Uint8Array[];
}

/** Splits a demuxed clip into RTP-ready frames; optionally keeps parameter sets out of band (SDP only). */
export function prepareClip(units: DemuxedUnit[], options: { parameterSetsInSdpOnly?: boolean } = {}): Clip {
  const codec: ClipCodec = units[0]?.streamType === StreamType.H265 ? 'h265' : 'h264';
  const parameterSets = new Map<number, Uint8Array>();
  const frames = units.map((unit) => {
    const nals = splitAnnexB(unit.data).filter((nal) => {
      const type = clipNalType(codec, nal);
      if (isParameterSet(codec, type) && !parameterSets.has(type)) parameterSets.set(type, nal);
      return !isDelimiter(codec, type) && !(options.parameterSetsInSdpOnly && isParameterSet(codec, type));
    });
    return { pts90k: unit.pts90k, nals };
  });
  const step = frames.length > 1 ? frames[1].pts90k - frames[0].pts90k : 9000;
  const duration90k = frames.length ? frames[frames.length - 1].pts90k - frames[0].pts90k + step : 0;
  const ordered = [...parameterSets.entries()].sort(([a], [b]) => a - b).map(([, nal]) => nal);
  return { codec, frames, duration90k, parameterSets: ordered };
}

/** Sends a clip as RTP in real time, looping, until stopped. */
export class RtpClipPlayer {
  private readonly ssrc = randomInt(2 ** 31);
  /** RTP timestamp and sequence number of the first packet (for the PLAY reply's RTP-Info). */
  readonly timestampBase = randomInt(2 ** 31);
  readonly firstSequence = randomInt(2 ** 15);
  private sequence = this.firstSequence;
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private loops = 0;
  private startedAt = 0;

  /** `sent` hears each frame's offset from the stream start (90 kHz) as it goes out. */
  constructor(
    private readonly clip: Clip,
    private readonly send: (packet: Uint8Array) => void,
    private readonly sent?: (offset90k: number) => void,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const { frames, duration90k } = this.clip;
    if (frames.length === 0) return;
    const first = frames[0].pts90k;
    const dueAt = () => this.startedAt + (frames[this.next].pts90k - first + this.loops * duration90k) / 90;
    while (dueAt() <= Date.now()) {
      const frame = frames[this.next];
      const offset = frame.pts90k - first + this.loops * duration90k;
      for (const packet of this.packets(frame.nals, (this.timestampBase + offset) % 2 ** 32)) this.send(packet);
      this.sent?.(offset);
      if (++this.next === frames.length) {
        this.next = 0;
        this.loops++;
      }
    }
    this.timer = setTimeout(() => this.tick(), Math.max(1, dueAt() - Date.now()));
  }

  private packets(nals: Uint8Array[], rtpTime: number): Uint8Array[] {
    const payloads = nals.flatMap((nal) => (nal.length <= MAX_PAYLOAD ? [nal] : this.fragments(nal)));
    return payloads.map((payload, i) => this.rtp(payload, rtpTime, i === payloads.length - 1));
  }

  /** FU-A (H.264, type 28) or FU (H.265, type 49) fragments of one NAL unit. */
  private fragments(nal: Uint8Array): Uint8Array[] {
    const h265 = this.clip.codec === 'h265';
    const headerSize = h265 ? 2 : 1;
    const indicator = h265 ? [(nal[0] & 0x81) | (49 << 1), nal[1]] : [(nal[0] & 0xe0) | 28];
    const type = clipNalType(this.clip.codec, nal);
    const out: Uint8Array[] = [];
    for (let offset = headerSize; offset < nal.length; offset += MAX_PAYLOAD) {
      const piece = nal.subarray(offset, offset + MAX_PAYLOAD);
      const start = offset === headerSize ? 0x80 : 0;
      const end = offset + MAX_PAYLOAD >= nal.length ? 0x40 : 0;
      out.push(Uint8Array.from([...indicator, start | end | type, ...piece]));
    }
    return out;
  }

  private rtp(payload: Uint8Array, rtpTime: number, marker: boolean): Uint8Array {
    const packet = new Uint8Array(12 + payload.length);
    const view = new DataView(packet.buffer);
    packet[0] = 0x80;
    packet[1] = (marker ? 0x80 : 0) | PAYLOAD_TYPE;
    view.setUint16(2, this.sequence);
    view.setUint32(4, rtpTime);
    view.setUint32(8, this.ssrc);
    packet.set(payload, 12);
    this.sequence = (this.sequence + 1) & 0xffff;
    return packet;
  }
}

export function clipNalType(codec: ClipCodec, nal: Uint8Array): number {
  return codec === 'h265' ? (nal[0] >> 1) & 0x3f : nal[0] & 0x1f;
}

function isParameterSet(codec: ClipCodec, type: number): boolean {
  return codec === 'h265' ? type >= 32 && type <= 34 : type === 7 || type === 8;
}

function isDelimiter(codec: ClipCodec, type: number): boolean {
  return codec === 'h265' ? type === 35 : type === 9;
}
