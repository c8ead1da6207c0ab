import { decodeEmbedding, encodeEmbedding } from '../embedding-codec';

/** A vector as stored: BSON binary holding little-endian float32. */
export function toStoredVector(vector: readonly number[]): Buffer {
  return encodeEmbedding(vector);
}

/**
 * Reads a stored vector back: lean queries give the driver's `Binary` (its bytes in `buffer`, the
 * used length in `position`), hydrated documents a Buffer.
 */
export function fromStoredVector(value: unknown): number[] {
  // ArrayBuffer.isView, not instanceof: the driver's bytes may come from another realm.
  if (ArrayBuffer.isView(value)) return decodeEmbedding(value as Uint8Array);
  const binary = value as { buffer?: unknown; position?: unknown } | null;
  if (binary && ArrayBuffer.isView(binary.buffer)) {
    const bytes = binary.buffer as Uint8Array;
    const length = typeof binary.position === 'number' ? binary.position : bytes.byteLength;
    return decodeEmbedding(bytes.subarray(0, length));
  }
  throw new Error('stored embedding is not binary');
}

/** A string matched literally inside a regular expression: every metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
