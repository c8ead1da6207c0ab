import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import {
  InvalidMediaKeyError,
  defaultMediaContentType,
  isMediaKey,
  isMediaPrefix,
  resolveRange,
  type ByteRange,
  type MediaBody,
  type MediaContent,
  type MediaListing,
  type MediaObjectInfo,
  type MediaStore,
  type MediaStoreStatus,
} from '@argus/domain';

/**
 * Media as files under one directory (`DATA_DIR/media`): the key is the path below it, so the tree
 * has the same layout as the S3 bucket (`aws s3 sync` moves one to the other). Writes go to a hidden
 * temporary file in the same folder, flushed to disk, then renamed over the target: a reader (or a
 * crash) never sees half an object. A content type other than the one the file name implies is kept
 * in a hidden `.<name>.type` file beside it. Keys are checked against `isMediaKey` on every call.
 */
export class FileMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: MediaBody, contentType: string): Promise<void> {
    const file = this.path(key);
    if (!file) throw new InvalidMediaKeyError(key);
    await mkdir(dirname(file), { recursive: true });
    const typeFile = typeFileOf(file);
    if (contentType && contentType !== defaultMediaContentType(key)) await writeAtomically(typeFile, contentType);
    else await rm(typeFile, { force: true });
    await writeAtomically(file, body);
  }

  async get(key: string, range?: ByteRange): Promise<MediaContent | null> {
    const info = await this.head(key);
    if (!info) return null;
    const bytes = resolveRange(range, info.size);
    const file = this.path(key) as string;
    const body: AsyncIterable<Uint8Array> = bytes.end < bytes.start ? Readable.from([]) : createReadStream(file, { start: bytes.start, end: bytes.end });
    return { ...info, range: bytes, body };
  }

  async head(key: string): Promise<MediaObjectInfo | null> {
    const file = this.path(key);
    if (!file) return null;
    const stats = await stat(file).catch(() => null);
    if (!stats?.isFile()) return null;
    const stored = await readFile(typeFileOf(file), 'utf8').catch(() => '');
    return { key, size: stats.size, lastModified: stats.mtimeMs, contentType: stored.trim() || defaultMediaContentType(key) };
  }

  async delete(key: string): Promise<void> {
    const file = this.path(key);
    if (!file) return;
    await rm(file, { force: true });
    await rm(typeFileOf(file), { force: true });
    await this.pruneEmptyFolders(dirname(file));
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (!isMediaPrefix(prefix) || prefix === '') throw new InvalidMediaKeyError(prefix);
    const folder = join(this.root, ...prefix.slice(0, -1).split('/'));
    await rm(folder, { recursive: true, force: true });
    await this.pruneEmptyFolders(dirname(folder));
  }

  async *list(prefix: string): AsyncIterable<MediaListing> {
    if (!isMediaPrefix(prefix)) throw new InvalidMediaKeyError(prefix);
    const start = prefix === '' ? this.root : join(this.root, ...prefix.slice(0, -1).split('/'));
    const found: MediaListing[] = [];
    await this.walk(start, found);
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    yield* found;
  }

  status(): MediaStoreStatus {
    return { kind: 'file', up: true };
  }

  async close(): Promise<void> {
    // Nothing runs in the background.
  }

  private async walk(folder: string, found: MediaListing[]): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue; // temporary and content-type files
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await this.walk(path, found);
      else if (entry.isFile()) {
        const key = relative(this.root, path).split(sep).join('/');
        if (!isMediaKey(key)) continue;
        const stats = await stat(path).catch(() => null);
        if (stats) found.push({ key, size: stats.size, lastModified: stats.mtimeMs });
      }
    }
  }

  /** A folder goes with its last object, up to (not including) the root; one still in use stays. */
  private async pruneEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    while (current.startsWith(this.root + sep)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
      current = dirname(current);
    }
  }

  private path(key: string): string | null {
    return isMediaKey(key) ? join(this.root, ...key.split('/')) : null;
  }
}

const typeFileOf = (file: string) => join(dirname(file), `.${basename(file)}.type`);

/** Writes `body` to a hidden temporary file beside `file`, flushes it, then renames it over `file`. */
export async function writeAtomically(file: string, body: MediaBody | string): Promise<number> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o640);
  let size = 0;
  try {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      await handle.writeFile(bytes);
      size = bytes.byteLength;
    } else {
      for await (const chunk of body) {
        await handle.writeFile(chunk); // from the current position, the whole chunk
        size += chunk.byteLength;
      }
    }
    await handle.sync();
    await handle.close();
    await rename(temp, file);
    return size;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
