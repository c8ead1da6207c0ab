import {
  PAT_PID,
  parsePat,
  parsePmt,
  PmtStream,
  SectionAssembler,
  TS_PACKET_SIZE,
  TS_SYNC_BYTE,
} from './mpegts-psi';
import { concatBytes } from '../../bytes';
import { MPEGTS_TIMESTAMP_BITS, TimestampUnwrapper } from '../timestamp-unwrapper';

/** One PES payload of the program's video stream: for ffmpeg's muxer, exactly one access unit. */
export interface DemuxedUnit {
  streamType: number;
  /** 90 kHz PTS, unwrapped past 2^33 so it keeps increasing on a stream that runs for days. */
  pts90k: number;
  data: Uint8Array;
  /** Arrival time (ms) of the unit's first packet. */
  receivedAt: number;
}

export interface MpegTsDemuxerListener {
  /** The video stream was found in the PMT (or changed). */
  program(stream: PmtStream): void;
  unit(unit: DemuxedUnit): void;
}

export interface MpegTsDemuxerStats {
  packets: number;
  resyncs: number;
  continuityErrors: number;
  /** Units lost to continuity errors, transport errors or a missing PTS. */
  droppedUnits: number;
}

interface OpenPes {
  pts90k: number | null;
  receivedAt: number;
  parts: Uint8Array[];
  size: number;
  /** Payload bytes the PES header announced; null when unbounded (length 0). */
  expected: number | null;
  damaged: boolean;
}

/**
 * A streaming MPEG-TS demuxer for the single video program the feed writes: resyncs on the sync
 * byte, follows PAT → PMT → video PID, assembles PES packets and tolerates continuity errors by
 * dropping the damaged unit rather than passing on half a picture.
 */
export class MpegTsDemuxer {
  readonly stats: MpegTsDemuxerStats = { packets: 0, resyncs: 0, continuityErrors: 0, droppedUnits: 0 };
  private remainder: Uint8Array | null = null;
  private readonly pat = new SectionAssembler();
  private readonly pmt = new SectionAssembler();
  private pmtPid = -1;
  private video: PmtStream | null = null;
  private readonly counters = new Map<number, number>();
  private pes: OpenPes | null = null;
  /** PTS is 33 bits (wraps after 26.5 h). */
  private readonly pts = new TimestampUnwrapper(MPEGTS_TIMESTAMP_BITS);

  constructor(private readonly listener: MpegTsDemuxerListener) {}

  push(chunk: Uint8Array, receivedAt: number): void {
    const data = this.remainder ? concatBytes([this.remainder, chunk]) : chunk;
    let offset = 0;
    while (offset + TS_PACKET_SIZE <= data.length) {
      if (!isPacketStart(data, offset)) {
        offset = this.resync(data, offset + 1);
        continue;
      }
      this.packet(data.subarray(offset, offset + TS_PACKET_SIZE), receivedAt);
      offset += TS_PACKET_SIZE;
    }
    this.remainder = offset < data.length ? data.slice(offset) : null;
  }

  /** End of stream: a PES of unbounded length is complete now. */
  flush(): void {
    this.finishPes();
  }

  private resync(data: Uint8Array, from: number): number {
    this.stats.resyncs++;
    let offset = from;
    while (offset < data.length && !(data[offset] === TS_SYNC_BYTE && isPacketStart(data, offset))) offset++;
    if (this.pes) this.pes.damaged = true;
    return offset;
  }

  private packet(packet: Uint8Array, receivedAt: number): void {
    this.stats.packets++;
    const transportError = (packet[1] & 0x80) !== 0;
    const unitStart = (packet[1] & 0x40) !== 0;
    const pid = ((packet[1] & 0x1f) << 8) | packet[2];
    const control = (packet[3] >> 4) & 0x3;
    let offset = 4;
    let discontinuity = false;
    if (control & 0x2) {
      discontinuity = packet[4] > 0 && (packet[5] & 0x80) !== 0;
      offset += 1 + packet[4];
    }
    if (!(control & 0x1) || offset >= TS_PACKET_SIZE) return;
    const continuity = transportError ? 'gap' : this.continuity(pid, packet[3] & 0x0f, discontinuity);
    if (continuity === 'gap' && pid === this.video?.pid && this.pes) this.pes.damaged = true;
    if (continuity === 'duplicate' || transportError) return;
    const payload = packet.subarray(offset);
    if (pid === PAT_PID) this.patPayload(payload, unitStart);
    else if (pid === this.pmtPid) this.pmtPayload(payload, unitStart);
    else if (pid === this.video?.pid) this.pesPayload(payload, unitStart, receivedAt);
  }

  /** Checks the 4-bit counter; a repeated counter is a legal duplicate whose payload is skipped. */
  private continuity(pid: number, counter: number, discontinuity: boolean): 'ok' | 'duplicate' | 'gap' {
    const last = this.counters.get(pid);
    this.counters.set(pid, counter);
    if (last === undefined || discontinuity || counter === ((last + 1) & 0xf)) return 'ok';
    if (counter === last) return 'duplicate';
    this.stats.continuityErrors++;
    return 'gap';
  }

  private patPayload(payload: Uint8Array, unitStart: boolean): void {
    const section = this.pat.push(payload, unitStart);
    const pmtPid = section ? parsePat(section) : null;
    if (pmtPid !== null) this.pmtPid = pmtPid;
  }

  private pmtPayload(payload: Uint8Array, unitStart: boolean): void {
    const section = this.pmt.push(payload, unitStart);
    const stream = section ? parsePmt(section) : null;
    if (!stream || (stream.pid === this.video?.pid && stream.streamType === this.video.streamType)) return;
    this.finishPes();
    this.video = stream;
    this.listener.program(stream);
  }

  private pesPayload(payload: Uint8Array, unitStart: boolean, receivedAt: number): void {
    if (unitStart) {
      this.finishPes();
      this.pes = openPes(payload, receivedAt);
      if (!this.pes) this.stats.droppedUnits++;
    } else if (this.pes) {
      this.pes.parts.push(payload);
      this.pes.size += payload.length;
    }
    if (this.pes && this.pes.expected !== null && this.pes.size >= this.pes.expected) this.finishPes();
  }

  private finishPes(): void {
    const pes = this.pes;
    this.pes = null;
    if (!pes || !this.video) return;
    if (pes.damaged || pes.pts90k === null) {
      this.stats.droppedUnits++;
      return;
    }
    const data = joinParts(pes.parts, pes.expected ?? pes.size);
    const pts90k = this.pts.next(pes.pts90k);
    this.listener.unit({ streamType: this.video.streamType, pts90k, data, receivedAt: pes.receivedAt });
  }

}

function openPes(payload: Uint8Array, receivedAt: number): OpenPes | null {
  if (payload.length < 9 || payload[0] !== 0 || payload[1] !== 0 || payload[2] !== 1) return null;
  const pesLength = (payload[4] << 8) | payload[5];
  const headerLength = payload[8];
  const start = 9 + headerLength;
  if (start > payload.length) return null;
  const pts90k = payload[7] & 0x80 ? readTimestamp(payload, 9) : null;
  const first = payload.subarray(start);
  const expected = pesLength > 0 ? pesLength - 3 - headerLength : null;
  return { pts90k, receivedAt, parts: [first], size: first.length, expected, damaged: false };
}

/** The 33-bit timestamp spread over 5 bytes with marker bits. */
export function readTimestamp(data: Uint8Array, offset: number): number {
  const high = (data[offset] >> 1) & 0x07;
  const middle = (data[offset + 1] << 7) | (data[offset + 2] >> 1);
  const low = (data[offset + 3] << 7) | (data[offset + 4] >> 1);
  return high * 2 ** 30 + middle * 2 ** 15 + low;
}

function isPacketStart(data: Uint8Array, offset: number): boolean {
  if (data[offset] !== TS_SYNC_BYTE) return false;
  const next = offset + TS_PACKET_SIZE;
  return next >= data.length || data[next] === TS_SYNC_BYTE;
}

function joinParts(parts: Uint8Array[], size: number): Uint8Array {
  const data = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    if (offset >= size) break;
    const piece = part.length <= size - offset ? part : part.subarray(0, size - offset);
    data.set(piece, offset);
    offset += piece.length;
  }
  return data;
}
