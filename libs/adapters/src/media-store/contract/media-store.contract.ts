import { Readable } from 'node:stream';
import { UnsatisfiableRangeError, readMediaBytes, type MediaListing, type MediaStore } from '@argus/domain';

export interface MediaStoreFixture {
  store: MediaStore;
  /** Ends the test's store and anything it made. */
  dispose(): Promise<void>;
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const text = (data: Uint8Array | null) => (data ? Buffer.from(data).toString() : null);

async function all(items: AsyncIterable<MediaListing>): Promise<MediaListing[]> {
  const out: MediaListing[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function collect(body: AsyncIterable<Uint8Array> | undefined): Promise<Uint8Array | null> {
  if (!body) return null;
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(parts));
}

async function* chunks(count: number, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < count; i++) yield new Uint8Array(size).fill(i % 251);
}

/** Keys a request might try to smuggle in: every adapter refuses them. */
export const HOSTILE_KEYS = ['', '/abs.jpg', '../x.jpg', 'a/../../x.jpg', 'a/./x.jpg', 'a//x.jpg', 'a/.hidden', 'a/x.jpg/', 'a\\..\\x.jpg', 'a/x y.jpg', 'a/%2e%2e/x', 'a/x\0.jpg', 'x'.repeat(600)];

/** The behaviour every MediaStore adapter must show. */
export function describeMediaStoreContract(adapter: string, factory: () => Promise<MediaStoreFixture>): void {
  describe(`MediaStore contract: ${adapter}`, () => {
    let fixture: MediaStoreFixture;
    let store: MediaStore;
    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });
    afterEach(() => fixture.dispose());

    it('stores bytes with their content type and gives them back, with size and date', async () => {
      const before = Date.now() - 2000;
      await store.put('snapshots/cam-1/2026-12-07/a.jpg', bytes('jpeg bytes'), 'image/jpeg');
      await store.put('notes/readme', bytes('plain'), 'text/plain; charset=utf-8');
      expect(text(await readMediaBytes(store, 'snapshots/cam-1/2026-12-07/a.jpg'))).toBe('jpeg bytes');
      const info = await store.head('snapshots/cam-1/2026-12-07/a.jpg');
      expect(info).toMatchObject({ key: 'snapshots/cam-1/2026-12-07/a.jpg', size: 10, contentType: 'image/jpeg' });
      expect(info?.lastModified).toBeGreaterThan(before);
      expect((await store.head('notes/readme'))?.contentType).toBe('text/plain; charset=utf-8');
      const content = await store.get('notes/readme');
      expect(content).toMatchObject({ size: 5, contentType: 'text/plain; charset=utf-8', range: { start: 0, end: 4 } });
      expect(text(await collect(content?.body))).toBe('plain');
    });

    it('answers null for a key nothing is stored under', async () => {
      expect(await store.get('faces/p-1/missing.jpg')).toBeNull();
      expect(await store.head('faces/p-1/missing.jpg')).toBeNull();
      expect(await readMediaBytes(store, 'faces/p-1/missing.jpg')).toBeNull();
    });

    it('replaces an object written again under the same key', async () => {
      await store.put('faces/p-1/f-1.jpg', bytes('first version'), 'image/jpeg');
      await store.put('faces/p-1/f-1.jpg', bytes('second'), 'image/jpeg');
      expect(text(await readMediaBytes(store, 'faces/p-1/f-1.jpg'))).toBe('second');
      expect((await store.head('faces/p-1/f-1.jpg'))?.size).toBe(6);
    });

    it('takes a stream of several megabytes and reads it back byte for byte', async () => {
      await store.put('clips/cam-1/big.mp4', chunks(48, 64 * 1024), 'video/mp4');
      const info = await store.head('clips/cam-1/big.mp4');
      expect(info).toMatchObject({ size: 48 * 64 * 1024, contentType: 'video/mp4' });
      const back = await readMediaBytes(store, 'clips/cam-1/big.mp4');
      expect(back?.byteLength).toBe(48 * 64 * 1024);
      for (let i = 0; i < 48; i++) expect(back?.[i * 64 * 1024 + 100]).toBe(i % 251);
      // A Node stream is an async iterable too.
      await store.put('clips/cam-1/small.mp4', Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 'video/mp4');
      expect(text(await readMediaBytes(store, 'clips/cam-1/small.mp4'))).toBe('abcd');
    });

    it('reads byte ranges: inclusive, open-ended, clipped at the end; refuses one past the end', async () => {
      await store.put('clips/cam-1/r.mp4', bytes('0123456789'), 'video/mp4');
      expect(text(await readMediaBytes(store, 'clips/cam-1/r.mp4', { start: 2, end: 5 }))).toBe('2345');
      expect(text(await readMediaBytes(store, 'clips/cam-1/r.mp4', { start: 7 }))).toBe('789');
      expect(text(await readMediaBytes(store, 'clips/cam-1/r.mp4', { start: 8, end: 100 }))).toBe('89');
      const content = await store.get('clips/cam-1/r.mp4', { start: 3, end: 4 });
      expect(content).toMatchObject({ size: 10, range: { start: 3, end: 4 } });
      expect(text(await collect(content?.body))).toBe('34');
      await expect(store.get('clips/cam-1/r.mp4', { start: 10 })).rejects.toBeInstanceOf(UnsatisfiableRangeError);
      await expect(store.get('clips/cam-1/r.mp4', { start: 5, end: 2 })).rejects.toThrow(RangeError);
    });

    it('stores an empty object', async () => {
      await store.put('x/empty.bin', new Uint8Array(0), 'application/octet-stream');
      expect((await store.head('x/empty.bin'))?.size).toBe(0);
      expect(await readMediaBytes(store, 'x/empty.bin')).toEqual(new Uint8Array(0));
    });

    it('lists by folder in key order, and deletes one object or a whole folder', async () => {
      for (const key of ['r/cam-2/2026-12-02/b.mp4', 'r/cam-1/2026-12-01/b.mp4', 'r/cam-1/2026-12-01/a.mp4', 'r/cam-1/2026-12-02/a.mp4', 'r/cam-10/x.mp4', 's/other.jpg']) {
        await store.put(key, bytes(key), 'video/mp4');
      }
      const keys = async (prefix: string) => (await all(store.list(prefix))).map((item) => item.key);
      expect(await keys('r/cam-1/')).toEqual(['r/cam-1/2026-12-01/a.mp4', 'r/cam-1/2026-12-01/b.mp4', 'r/cam-1/2026-12-02/a.mp4']);
      expect((await all(store.list('r/cam-1/2026-12-01/')))[0]).toMatchObject({ key: 'r/cam-1/2026-12-01/a.mp4', size: 'r/cam-1/2026-12-01/a.mp4'.length });
      expect(await keys('')).toHaveLength(6);
      expect(await keys('nothing/')).toEqual([]);
      await store.delete('r/cam-1/2026-12-01/a.mp4');
      await store.delete('r/cam-1/never-stored.mp4');
      expect(await store.head('r/cam-1/2026-12-01/a.mp4')).toBeNull();
      await store.deletePrefix('r/cam-1/');
      expect(await keys('r/')).toEqual(['r/cam-10/x.mp4', 'r/cam-2/2026-12-02/b.mp4']); // cam-10 is not inside cam-1/
      expect(await keys('')).toHaveLength(3);
    });

    it('refuses keys and prefixes that could steer a path, and stores nothing through them', async () => {
      for (const key of HOSTILE_KEYS) {
        await expect(store.put(key, bytes('x'), 'image/jpeg')).rejects.toThrow('invalid media key');
        expect(await store.get(key)).toBeNull();
        expect(await store.head(key)).toBeNull();
        await store.delete(key); // ignored
      }
      for (const prefix of ['', 'r', '../', 'a/../', '/']) await expect(store.deletePrefix(prefix)).rejects.toThrow('invalid media key');
      await expect(all(store.list('../'))).rejects.toThrow('invalid media key');
      expect(await all(store.list(''))).toEqual([]);
    });

    it('reports its state for health', () => {
      expect(store.status().up).toBe(true);
    });
  });
}
