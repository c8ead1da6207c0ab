import {
  InvalidMediaKeyError,
  isMediaKey,
  isMediaPrefix,
  reconnectDelayMs,
  resolveRange,
  type BackoffPolicy,
  type ByteRange,
  type MediaBody,
  type MediaContent,
  type MediaListing,
  type MediaObjectInfo,
  type MediaStore,
  type MediaStoreStatus,
} from '@argus/domain';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { MediaSpool, type SpoolEntry } from './media-spool';
import { S3Bucket, s3ErrorText } from './s3-bucket';

export interface S3MediaStoreOptions {
  /** Retry delays for the spool's uploads while S3 is unreachable. */
  backoff?: BackoffPolicy;
  /** Told once when S3 becomes unreachable and once when the spool has been emptied. */
  onStateChange?: (state: { up: boolean; spooled: number; detail?: string }) => void;
}

const UPLOAD_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, jitter: 0.2, healthyAfterMs: 0 };

/**
 * Media in an S3-compatible bucket. While S3 cannot be reached, writes and deletes wait in a spool on
 * local disk (`MediaSpool`) and are sent later, in order, with backoff; reads of a waiting object are
 * served from the spool. While anything waits, new writes queue behind it, so an older write never
 * lands over a newer one. The spool is re-read at start-up: nothing is lost across a restart.
 */
export class S3MediaStore implements MediaStore {
  private reachable = true;
  private detail: string | undefined;
  private draining: Promise<void> | null = null;
  private inFlight: number | undefined;
  private closed = false;
  private wake: (() => void) | null = null;
  private firstCheck: Promise<void> = Promise.resolve();

  private constructor(private readonly bucket: S3Bucket, private readonly spool: MediaSpool, private readonly options: S3MediaStoreOptions) {}

  /** Opens the spool (left from an earlier run, maybe) and starts sending what waits in it. */
  static async open(bucket: S3Bucket, spoolDir: string, options: S3MediaStoreOptions = {}): Promise<S3MediaStore> {
    const spool = new MediaSpool(spoolDir);
    await spool.open();
    const store = new S3MediaStore(bucket, spool, options);
    if (spool.size > 0) {
      store.reachable = false;
      store.detail = `${spool.size} object(s) left in the spool by an earlier run`;
      store.kick();
    } else {
      // Checked in the background (start-up does not wait for S3): an unreachable service shows in
      // health at once, and the same loop that uploads the spool watches for it to come back.
      store.firstCheck = bucket.ping().catch((error: unknown) => {
        if (store.closed) return;
        store.wentDown(error);
        store.kick();
      });
    }
    return store;
  }

  async put(key: string, body: MediaBody, contentType: string): Promise<void> {
    if (!isMediaKey(key)) throw new InvalidMediaKeyError(key);
    this.assertOpen();
    const staged = body instanceof Uint8Array ? null : await this.spool.stage(body);
    if (this.direct()) {
      try {
        await this.bucket.put(key, staged ?? (body as Uint8Array), contentType);
        if (staged) await rm(staged.file, { force: true });
        return;
      } catch (error) {
        this.wentDown(error);
      }
    }
    await this.spool.append({ op: 'put', key, contentType }, staged ?? (await this.spool.stage(body)));
    this.kick();
  }

  async get(key: string, range?: ByteRange): Promise<MediaContent | null> {
    if (!isMediaKey(key)) return null;
    const view = this.spool.view(key);
    if (view?.state === 'deleted') return null;
    if (view?.state === 'put') {
      const { entry } = view;
      const bytes = resolveRange(range, entry.size);
      const body: AsyncIterable<Uint8Array> = bytes.end < bytes.start ? Readable.from([]) : this.spool.read(entry.seq, bytes.start, bytes.end);
      return { key, size: entry.size, contentType: entry.contentType, lastModified: entry.at, range: bytes, body };
    }
    if (range) resolveRange(range, Number.MAX_SAFE_INTEGER); // the same refusals as the file store for malformed ranges
    return this.bucket.get(key, range);
  }

  async head(key: string): Promise<MediaObjectInfo | null> {
    if (!isMediaKey(key)) return null;
    const view = this.spool.view(key);
    if (view?.state === 'deleted') return null;
    if (view?.state === 'put') return { key, size: view.entry.size, contentType: view.entry.contentType, lastModified: view.entry.at };
    return this.bucket.head(key);
  }

  async delete(key: string): Promise<void> {
    if (!isMediaKey(key)) return;
    await this.remove({ op: 'delete', key }, (k) => k === key, () => this.bucket.delete(key));
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (!isMediaPrefix(prefix) || prefix === '') throw new InvalidMediaKeyError(prefix);
    await this.remove({ op: 'deletePrefix', prefix }, (k) => k.startsWith(prefix), () => this.bucket.deletePrefix(prefix));
  }

  async *list(prefix: string): AsyncIterable<MediaListing> {
    if (!isMediaPrefix(prefix)) throw new InvalidMediaKeyError(prefix);
    if (this.spool.size === 0) {
      yield* this.bucket.list(prefix);
      return;
    }
    // S3's answer with the waiting writes and deletes laid over it, in their order.
    const found = new Map<string, MediaListing>();
    for await (const item of this.bucket.list(prefix)) found.set(item.key, item);
    for (const entry of this.spool.all()) {
      if (entry.op === 'put' && entry.key.startsWith(prefix)) found.set(entry.key, { key: entry.key, size: entry.size, lastModified: entry.at });
      else if (entry.op === 'delete') found.delete(entry.key);
      else if (entry.op === 'deletePrefix') for (const key of [...found.keys()]) if (key.startsWith(entry.prefix)) found.delete(key);
    }
    yield* [...found.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  status(): MediaStoreStatus {
    const spooled = this.spool.size;
    return { kind: 's3', up: this.reachable, spooled, ...(this.detail && !this.reachable ? { detail: this.detail } : {}) };
  }

  /** Resolves once the spool is empty (or the store closed): for tests and a graceful shutdown. */
  async flushed(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.firstCheck;
    await this.draining;
    this.bucket.close();
  }

  /** Writes go straight to S3 only while nothing waits (order) and S3 answered last time. */
  private direct(): boolean {
    return this.reachable && this.spool.size === 0;
  }

  private async remove(entry: { op: 'delete'; key: string } | { op: 'deletePrefix'; prefix: string }, matches: (key: string) => boolean, now: () => Promise<void>): Promise<void> {
    this.assertOpen();
    if (this.direct()) {
      try {
        await now();
        return;
      } catch (error) {
        this.wentDown(error);
      }
    }
    // Waiting copies of these objects are never uploaded; the delete follows whatever is in flight.
    await this.spool.dropPuts(matches, this.inFlight);
    await this.spool.append(entry);
    this.kick();
  }

  private wentDown(error: unknown): void {
    const first = this.reachable;
    this.reachable = false;
    this.detail = s3ErrorText(error);
    if (first) this.options.onStateChange?.({ up: false, spooled: this.spool.size, detail: this.detail });
  }

  private kick(): void {
    this.draining ??= this.drain().finally(() => (this.draining = null));
  }

  private async drain(): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      const entry = this.spool.first();
      if (!entry && this.reachable) break;
      this.inFlight = entry?.seq;
      try {
        if (entry) {
          await this.send(entry);
          await this.spool.remove(entry.seq);
        } else {
          await this.bucket.ping(); // the spool is empty: S3 only has to answer again
          this.cameBack();
        }
        attempt = 0;
      } catch (error) {
        this.wentDown(error);
        await this.sleep(reconnectDelayMs(attempt++, Math.random, this.options.backoff ?? UPLOAD_BACKOFF));
      } finally {
        this.inFlight = undefined;
      }
    }
  }

  private cameBack(): void {
    if (this.reachable) return;
    this.reachable = true;
    this.detail = undefined;
    this.options.onStateChange?.({ up: true, spooled: 0 });
  }

  private send(entry: SpoolEntry): Promise<void> {
    if (entry.op === 'put') return this.bucket.put(entry.key, { file: this.spool.dataFile(entry.seq), size: entry.size }, entry.contentType);
    if (entry.op === 'delete') return this.bucket.delete(entry.key);
    return this.bucket.deletePrefix(entry.prefix);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the media store is closed');
  }
}
