/**
 * Where Argus keeps its media (alert snapshots, face crops, clips): a flat space of keys like
 * `snapshots/<cameraId>/<day>/<id>.jpg`, on local disk or in an S3-compatible bucket. Keys are
 * always made by Argus, never taken from a request as they are; every adapter refuses a key that
 * does not match `isMediaKey`, so none can steer a path.
 */
export interface MediaStore {
  /** Stores the object (replacing one under the same key) once every byte is safe; never half an object. */
  put(key: string, body: MediaBody, contentType: string): Promise<void>;
  /** The object's bytes as a stream (only `range` when given); null when nothing is stored under the key. */
  get(key: string, range?: ByteRange): Promise<MediaContent | null>;
  head(key: string): Promise<MediaObjectInfo | null>;
  /** Deletes the object; an unknown key is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (a folder: `snapshots/cam-1/`). */
  deletePrefix(prefix: string): Promise<void>;
  /** Every object whose key starts with `prefix` (`''` or a folder ending in `/`), in ascending key order. */
  list(prefix: string): AsyncIterable<MediaListing>;
  /** For health: where the media goes and whether it gets there. */
  status(): MediaStoreStatus;
  /** Stops background work (uploads of the spool); stored objects stay. */
  close(): Promise<void>;
}

export type MediaBody = Uint8Array | AsyncIterable<Uint8Array>;

/** Bytes `start` to `end`, both included (as in HTTP); `end` past the last byte means "to the end". */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface MediaListing {
  key: string;
  size: number;
  /** Milliseconds since the epoch. */
  lastModified: number;
}

export interface MediaObjectInfo extends MediaListing {
  contentType: string;
}

export interface MediaContent extends MediaObjectInfo {
  /** The bytes sent: `{ start, end }` inclusive (`end` is `start - 1` for an empty object). */
  range: { start: number; end: number };
  body: AsyncIterable<Uint8Array>;
}

export type MediaStoreStatus =
  | { kind: 'file'; up: true }
  /** `spooled`: objects written while S3 was unreachable, waiting on local disk to be uploaded. */
  | { kind: 's3'; up: boolean; spooled: number; detail?: string };

/** A range that starts at or after the object's end (HTTP 416). */
export class UnsatisfiableRangeError extends Error {
  constructor(readonly size: number) {
    super(`range not satisfiable: the object has ${size} byte(s)`);
    this.name = 'UnsatisfiableRangeError';
  }
}

export class InvalidMediaKeyError extends Error {
  constructor(key: unknown) {
    super(`invalid media key ${JSON.stringify(String(key)).slice(0, 120)}`);
    this.name = 'InvalidMediaKeyError';
  }
}

// Segments of letters, digits, `_`, `-` and `.`, never starting with a dot (so no `.`, `..` or
// hidden names, which the file adapter keeps for its temporary files); at most 10 levels.
const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}';
const KEY = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){0,9}$`);
export const MAX_MEDIA_KEY_LENGTH = 512;

export function isMediaKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= MAX_MEDIA_KEY_LENGTH && KEY.test(key);
}

/** `''` (everything) or a folder: a valid key followed by `/`. */
export function isMediaPrefix(prefix: unknown): prefix is string {
  return prefix === '' || (typeof prefix === 'string' && prefix.endsWith('/') && isMediaKey(prefix.slice(0, -1)));
}

/** The bytes a range asks for in an object of `size` bytes; throws UnsatisfiableRangeError past the end. */
export function resolveRange(range: ByteRange | undefined, size: number): { start: number; end: number } {
  if (!range) return { start: 0, end: size - 1 };
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
    throw new RangeError('a byte range needs 0 <= start <= end, whole numbers');
  }
  if (start >= size) throw new UnsatisfiableRangeError(size);
  return { start, end: Math.min(end ?? size - 1, size - 1) };
}

/** The content type Argus gives an object by its name when none other was said. */
export function defaultMediaContentType(key: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

const MEDIA_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  m4s: 'video/iso.segment',
  ts: 'video/mp2t',
  json: 'application/json',
  txt: 'text/plain',
};

/** What a caller is told when the media store does not answer (S3 away, and the object not in the spool). */
export const MEDIA_STORE_UNAVAILABLE = 'The media store is unavailable; try again shortly';

/** The whole object (or range) in memory: for small objects such as snapshots and crops. */
export async function readMediaBytes(store: MediaStore, key: string, range?: ByteRange): Promise<Uint8Array | null> {
  const content = await store.get(key, range);
  if (!content) return null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of content.body) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
