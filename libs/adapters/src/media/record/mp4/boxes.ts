/**
 * ISO BMFF (MP4) boxes as byte arrays: a box is its 32-bit size, its four-character type and its
 * payload. Argus writes only the few boxes a browser needs for one H.264 video track.
 */

/** A payload built field by field, big-endian as MP4 wants. */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(capacity = 64) {
    this.buffer = new Uint8Array(capacity);
    this.view = new DataView(this.buffer.buffer);
  }

  u8(value: number): this {
    this.reserve(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
    return this;
  }

  u16(value: number): this {
    this.reserve(2);
    this.view.setUint16(this.length, value);
    this.length += 2;
    return this;
  }

  u24(value: number): this {
    return this.u8((value >>> 16) & 0xff).u16(value & 0xffff);
  }

  u32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0);
    this.length += 4;
    return this;
  }

  i32(value: number): this {
    this.reserve(4);
    this.view.setInt32(this.length, value);
    this.length += 4;
    return this;
  }

  u64(value: number): this {
    return this.u32(Math.floor(value / 2 ** 32)).u32(value % 2 ** 32);
  }

  zeros(count: number): this {
    this.reserve(count);
    this.length += count; // the buffer starts zeroed and is never reused
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  ascii(text: string): this {
    for (let i = 0; i < text.length; i++) this.u8(text.charCodeAt(i) & 0x7f);
    return this;
  }

  done(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
}

/** A box around its parts. */
export function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  const size = parts.reduce((sum, part) => sum + part.length, 8);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  let offset = 8;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A "full box": version and flags in front of the payload. */
export function fullBox(type: string, version: number, flags: number, ...parts: Uint8Array[]): Uint8Array {
  return box(type, new ByteWriter(4).u8(version).u24(flags).done(), ...parts);
}

/** The identity transform every track and movie header carries. */
export const UNITY_MATRIX = new ByteWriter(36)
  .u32(0x00010000).u32(0).u32(0)
  .u32(0).u32(0x00010000).u32(0)
  .u32(0).u32(0).u32(0x40000000)
  .done();

/** A box header met while reading: where it starts, its type, where its payload starts and ends. */
export interface BoxHeader {
  type: string;
  start: number;
  payload: number;
  end: number;
}

/**
 * The box starting at `offset` of `bytes`, or null when its header or (with `whole`) its payload
 * does not fit: the end of a file being written or cut short.
 */
export function readBoxHeader(bytes: Uint8Array, offset: number, whole = true): BoxHeader | null {
  if (offset + 8 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size = view.getUint32(offset);
  const type = String.fromCharCode(bytes[offset + 4], bytes[offset + 5], bytes[offset + 6], bytes[offset + 7]);
  let payload = offset + 8;
  if (size === 1) {
    if (offset + 16 > bytes.length) return null;
    size = view.getUint32(offset + 8) * 2 ** 32 + view.getUint32(offset + 12);
    payload = offset + 16;
  } else if (size === 0) {
    size = bytes.length - offset; // to the end of the file
  }
  if (size < payload - offset) return null;
  const end = offset + size;
  if (whole && end > bytes.length) return null;
  return { type, start: offset, payload, end };
}

/** The child boxes of a container's payload (only whole ones). */
export function childBoxes(bytes: Uint8Array, from: number, to: number): BoxHeader[] {
  const boxes: BoxHeader[] = [];
  let offset = from;
  while (offset < to) {
    const header = readBoxHeader(bytes.subarray(0, to), offset);
    if (!header) break;
    boxes.push(header);
    offset = header.end;
  }
  return boxes;
}
