import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileMediaStore } from '../file-media-store';
import { describeMediaStoreContract } from './media-store.contract';

describeMediaStoreContract('file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'argus-media-'));
  return { store: new FileMediaStore(join(root, 'media')), dispose: async () => rmSync(root, { recursive: true, force: true }) };
});

describe('FileMediaStore on disk', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'argus-media-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps an object at <root>/<key>, the layout of the bucket, with no temporary file left', async () => {
    const store = new FileMediaStore(root);
    await store.put('faces/p-1/f-1.jpg', new Uint8Array([1, 2, 3]), 'image/jpeg');
    expect([...readFileSync(join(root, 'faces', 'p-1', 'f-1.jpg'))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(root, 'faces', 'p-1'))).toEqual(['f-1.jpg']);
  });

  it('leaves the old object whole when a write fails half-way', async () => {
    const store = new FileMediaStore(root);
    await store.put('clips/c/a.mp4', new Uint8Array([9, 9]), 'video/mp4');
    async function* failing(): AsyncIterable<Uint8Array> {
      yield new Uint8Array(1000);
      throw new Error('camera went away');
    }
    await expect(store.put('clips/c/a.mp4', failing(), 'video/mp4')).rejects.toThrow('camera went away');
    expect([...readFileSync(join(root, 'clips', 'c', 'a.mp4'))]).toEqual([9, 9]);
    expect(readdirSync(join(root, 'clips', 'c'))).toEqual(['a.mp4']);
  });

  it('removes folders emptied by deletes, up to its root', async () => {
    const store = new FileMediaStore(root);
    await store.put('r/cam-1/d/a.mp4', new Uint8Array(1), 'video/mp4');
    await store.put('r/cam-2/b.mp4', new Uint8Array(1), 'video/mp4');
    await store.delete('r/cam-1/d/a.mp4');
    expect(existsSync(join(root, 'r', 'cam-1'))).toBe(false);
    await store.deletePrefix('r/cam-2/');
    expect(existsSync(join(root, 'r'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('does not list files a person dropped into the folder under names that are not keys', async () => {
    const store = new FileMediaStore(root);
    await store.put('a/b.jpg', new Uint8Array(1), 'image/jpeg');
    await store.put('a/c.bin', new Uint8Array(1), 'application/x-custom');
    const keys: string[] = [];
    for await (const item of store.list('')) keys.push(item.key);
    expect(keys).toEqual(['a/b.jpg', 'a/c.bin']); // the hidden content-type file of c.bin is not an object
  });
});
