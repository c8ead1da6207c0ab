/**
 * Embeddings at rest: little-endian float32, 4 bytes per dimension (a 512-d vector is 2 KiB
 * instead of ~10 KiB of JSON). Read back as plain numbers, rounded to float32 precision, which
 * cosine similarity does not notice.
 */
export function encodeEmbedding(vector: readonly number[]): Buffer {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => buffer.writeFloatLE(Number(value), i * 4));
  return buffer;
}

export function decodeEmbedding(bytes: Uint8Array | ArrayBuffer): number[] {
  // A Buffer over the same bytes, no copy: libsql answers BLOBs as ArrayBuffer, mongodb as views,
  // possibly of another realm's ArrayBuffer (which DataView refuses, Buffer.from does not).
  const buffer = ArrayBuffer.isView(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes);
  if (buffer.byteLength % 4 !== 0) throw new Error(`stored embedding has ${buffer.byteLength} bytes, not a whole number of float32`);
  return Array.from({ length: buffer.byteLength / 4 }, (_, i) => buffer.readFloatLE(i * 4));
}
