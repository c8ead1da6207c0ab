/** MPEG-TS program tables (ISO/IEC 13818-1 §2.4.4): just what one video program needs. */

export const TS_PACKET_SIZE = 188;
export const TS_SYNC_BYTE = 0x47;
export const PAT_PID = 0x0000;

/** PMT stream_type values Argus cares about. */
export const StreamType = {
  MPEG2_VIDEO: 0x02,
  MPEG4_VIDEO: 0x10,
  H264: 0x1b,
  H265: 0x24,
  PRIVATE_DATA: 0x06,
} as const;

const VIDEO_TYPES = new Set<number>([0x01, 0x02, 0x10, 0x1b, 0x1e, 0x20, 0x24, 0x42, 0xd1, 0xea]);

export interface PmtStream {
  streamType: number;
  pid: number;
}

const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[i] = crc >>> 0;
  }
  return table;
}

/** CRC-32/MPEG-2, the checksum closing every PSI section. */
export function crc32Mpeg2(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  return crc >>> 0;
}

/** A complete section (table_id … CRC) whose CRC holds, or null. */
export function checkedSection(section: Uint8Array): Uint8Array | null {
  if (section.length < 12) return null;
  const body = section.subarray(0, section.length - 4);
  const view = new DataView(section.buffer, section.byteOffset, section.length);
  return crc32Mpeg2(body) === view.getUint32(section.length - 4) ? section : null;
}

/** The PID of the first real program's PMT (program 0 is the network information table). */
export function parsePat(section: Uint8Array): number | null {
  if (section[0] !== 0x00) return null;
  for (let i = 8; i + 4 <= section.length - 4; i += 4) {
    const program = (section[i] << 8) | section[i + 1];
    if (program !== 0) return ((section[i + 2] & 0x1f) << 8) | section[i + 3];
  }
  return null;
}

/** The program's video stream: the first of a video type, else the first stream at all. */
export function parsePmt(section: Uint8Array): PmtStream | null {
  if (section[0] !== 0x02) return null;
  const programInfoLength = ((section[10] & 0x0f) << 8) | section[11];
  const streams: PmtStream[] = [];
  for (let i = 12 + programInfoLength; i + 5 <= section.length - 4; ) {
    streams.push({ streamType: section[i], pid: ((section[i + 1] & 0x1f) << 8) | section[i + 2] });
    i += 5 + (((section[i + 3] & 0x0f) << 8) | section[i + 4]);
  }
  return streams.find((s) => VIDEO_TYPES.has(s.streamType)) ?? streams[0] ?? null;
}

/** Reassembles PSI sections that may span packets (pointer_field, section_length). */
export class SectionAssembler {
  private buffer: Uint8Array | null = null;

  /** Feeds one packet's payload; returns a section once complete and CRC-checked. */
  push(payload: Uint8Array, unitStart: boolean): Uint8Array | null {
    if (unitStart) {
      const pointer = payload[0] ?? 0;
      this.buffer = payload.slice(1 + pointer);
    } else if (this.buffer) {
      const joined = new Uint8Array(this.buffer.length + payload.length);
      joined.set(this.buffer);
      joined.set(payload, this.buffer.length);
      this.buffer = joined;
    } else {
      return null;
    }
    if (this.buffer.length < 3) return null;
    const total = 3 + (((this.buffer[1] & 0x0f) << 8) | this.buffer[2]);
    if (this.buffer.length < total) return null;
    const section = this.buffer.subarray(0, total);
    this.buffer = null;
    return checkedSection(section);
  }
}
