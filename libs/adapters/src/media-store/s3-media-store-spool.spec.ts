import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMediaBytes, type MediaListing } from '@argus/domain';
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from '@argus/tools/testing/s3/s3-test-server';
import { S3Bucket, type S3Settings } from './s3-bucket';
import { S3MediaStore } from './s3-media-store';

// s3rver, an S3 test double, stopped and started again to stand for an S3 service that goes away.
jest.setTimeout(30_000);

const FAST = { baseMs: 50, maxMs: 300, jitter: 0, healthyAfterMs: 0 };
const text = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString() : null);

async function keys(items: AsyncIterable<MediaListing>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) out.push(item.key);
  return out;
}

async function* stream(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('S3MediaStore while S3 is unreachable', () => {
  let s3: S3TestServer;
  let spoolDir: string;
  let settings: S3Settings;
  let run = 0;
  const open: S3MediaStore[] = [];
  /** S3 itself, without the spool: what another Argus node would see. */
  let direct: S3Bucket;

  const openStore = async () => {
    const store = await S3MediaStore.open(new S3Bucket(settings), spoolDir, { backoff: FAST });
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    s3 = await startS3TestServer();
  });
  afterAll(() => s3?.close());
  beforeEach(async () => {
    await s3.start(); // when a test before stopped it
    spoolDir = mkdtempSync(join(tmpdir(), 'argus-spool-'));
    settings = { bucket: s3.bucket, prefix: `spool-${process.pid}-${++run}/`, endpoint: s3.endpoint, region: 'us-east-1', credentials: S3RVER_CREDENTIALS, forcePathStyle: true, connectTimeoutMs: 1000 };
    direct = new S3Bucket(settings);
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    direct.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('accepts writes into the spool, serves them from there, and uploads them when S3 is back', async () => {
    const store = await openStore();
    await store.put('snapshots/cam-1/d/old.jpg', Buffer.from('stored before the outage'), 'image/jpeg');
    await s3.stop();

    await store.put('snapshots/cam-1/d/a.jpg', Buffer.from('snapshot a'), 'image/jpeg');
    await store.put('clips/cam-1/c.mp4', stream('clip ', 'bytes'), 'video/mp4');
    expect(store.status()).toMatchObject({ kind: 's3', up: false, spooled: 2 });
    expect((store.status() as { detail?: string }).detail).toBeTruthy();
    expect(text(await readMediaBytes(store, 'snapshots/cam-1/d/a.jpg'))).toBe('snapshot a');
    expect(text(await readMediaBytes(store, 'clips/cam-1/c.mp4', { start: 5 }))).toBe('bytes');
    expect(await store.head('clips/cam-1/c.mp4')).toMatchObject({ size: 10, contentType: 'video/mp4' });
    await expect(direct.head('clips/cam-1/c.mp4')).rejects.toThrow(); // S3 really is away

    await s3.start();
    await store.flushed();
    expect(store.status()).toEqual({ kind: 's3', up: true, spooled: 0 });
    expect(text(await bytesOf(direct, 'snapshots/cam-1/d/a.jpg'))).toBe('snapshot a');
    expect(text(await bytesOf(direct, 'clips/cam-1/c.mp4'))).toBe('clip bytes');
    expect(await direct.head('clips/cam-1/c.mp4')).toMatchObject({ contentType: 'video/mp4', size: 10 });
    expect(await keys(store.list(''))).toEqual(['clips/cam-1/c.mp4', 'snapshots/cam-1/d/a.jpg', 'snapshots/cam-1/d/old.jpg']);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('keeps the spool across a restart and uploads it in order: the last write of a key wins', async () => {
    await s3.stop();
    const first = await openStore();
    await first.put('faces/p-1/f.jpg', Buffer.from('version 1'), 'image/jpeg');
    await first.put('faces/p-1/g.jpg', Buffer.from('another face'), 'image/jpeg');
    await first.put('faces/p-1/f.jpg', Buffer.from('version 2'), 'image/jpeg');
    await first.close(); // Argus stops while S3 is still away
    expect(readdirSync(spoolDir).filter((name) => name.endsWith('.json'))).toHaveLength(3);

    const second = await openStore();
    expect(second.status()).toMatchObject({ up: false, spooled: 3 });
    expect(text(await readMediaBytes(second, 'faces/p-1/f.jpg'))).toBe('version 2');
    await expect(keys(second.list('faces/'))).rejects.toThrow(); // a listing needs S3

    await s3.start();
    await second.flushed();
    expect(second.status()).toEqual({ kind: 's3', up: true, spooled: 0 });
    expect(text(await bytesOf(direct, 'faces/p-1/f.jpg'))).toBe('version 2');
    expect(await keys(direct.list('faces/'))).toEqual(['faces/p-1/f.jpg', 'faces/p-1/g.jpg']);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  it('lists what waits together with what S3 holds, and drops a deleted object from the spool', async () => {
    const store = await openStore();
    await store.put('r/cam-1/kept.mp4', Buffer.from('in S3'), 'video/mp4');
    await store.put('r/cam-1/gone.mp4', Buffer.from('in S3, deleted during the outage'), 'video/mp4');
    await s3.stop();
    await store.put('r/cam-1/new.mp4', Buffer.from('waiting'), 'video/mp4');
    await store.put('r/cam-1/short-lived.mp4', Buffer.from('deleted before upload'), 'video/mp4');
    await store.delete('r/cam-1/short-lived.mp4');
    await store.delete('r/cam-1/gone.mp4');
    expect(await store.get('r/cam-1/short-lived.mp4')).toBeNull();
    expect(await store.head('r/cam-1/gone.mp4')).toBeNull();
    // The deleted object's bytes left the spool; only its delete waits.
    expect(readdirSync(spoolDir).filter((name) => name.endsWith('.data'))).toHaveLength(1);

    await s3.start();
    expect(await keys(store.list('r/'))).toEqual(['r/cam-1/kept.mp4', 'r/cam-1/new.mp4']); // before the upload
    await store.flushed();
    expect(await keys(direct.list('r/'))).toEqual(['r/cam-1/kept.mp4', 'r/cam-1/new.mp4']);
  });

  it('deletes a folder during an outage, its waiting objects too, once S3 is back', async () => {
    const store = await openStore();
    await store.put('snapshots/cam-9/d/a.jpg', Buffer.from('a'), 'image/jpeg');
    await store.put('snapshots/cam-10/d/b.jpg', Buffer.from('b'), 'image/jpeg');
    await s3.stop();
    await store.put('snapshots/cam-9/d/c.jpg', Buffer.from('c'), 'image/jpeg');
    await store.deletePrefix('snapshots/cam-9/');
    expect(await store.get('snapshots/cam-9/d/a.jpg')).toBeNull();
    expect(await store.get('snapshots/cam-9/d/c.jpg')).toBeNull();
    await s3.start();
    await store.flushed();
    expect(await keys(direct.list('snapshots/'))).toEqual(['snapshots/cam-10/d/b.jpg']);
  });

  it('says S3 is away from start-up on, before anything is written, and when it answers again', async () => {
    await s3.stop();
    const store = await openStore();
    await until(() => !store.status().up);
    expect(store.status()).toMatchObject({ kind: 's3', up: false, spooled: 0, detail: expect.any(String) });
    await s3.start();
    await until(() => store.status().up);
    expect(store.status()).toEqual({ kind: 's3', up: true, spooled: 0 });
  });

  it('spools when the endpoint does not exist at all (nothing listens there)', async () => {
    const store = await S3MediaStore.open(new S3Bucket({ ...settings, endpoint: 'http://127.0.0.1:9' }), spoolDir, { backoff: FAST });
    open.push(store);
    await store.put('faces/p/x.jpg', Buffer.from('x'), 'image/jpeg');
    expect(store.status()).toMatchObject({ up: false, spooled: 1 });
    expect(text(await readMediaBytes(store, 'faces/p/x.jpg'))).toBe('x');
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function bytesOf(bucket: S3Bucket, key: string): Promise<Uint8Array | null> {
  const content = await bucket.get(key);
  if (!content) return null;
  const parts: Buffer[] = [];
  for await (const chunk of content.body) parts.push(Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(parts));
}
