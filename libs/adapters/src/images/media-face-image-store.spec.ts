import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Frame } from '@argus/domain';
import { FileMediaStore } from '../media-store/file-media-store';
import { MediaFaceImageStore, cropRegion, isFaceImageKey } from './media-face-image-store';

/** Grey frame with a red square at (x, y). */
function frame(width: number, height: number, square: { x: number; y: number; size: number }, channels: 3 | 4 = 3): Frame {
  const data = new Uint8Array(width * height * channels).fill(120);
  for (let y = square.y; y < square.y + square.size; y++) {
    for (let x = square.x; x < square.x + square.size; x++) {
      const o = (y * width + x) * channels;
      data.set([220, 20, 20], o);
    }
  }
  return { width, height, channels, data };
}

describe('MediaFaceImageStore on the file media store', () => {
  let root: string;
  let store: MediaFaceImageStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'argus-faces-'));
    store = new MediaFaceImageStore(new FileMediaStore(root));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores the box with its margin as a JPEG, and reads it back', async () => {
    await store.saveCrop('faces/p-1/f-1.jpg', frame(200, 100, { x: 80, y: 30, size: 40 }), { x: 80, y: 30, width: 40, height: 40 });
    const jpeg = await store.read('faces/p-1/f-1.jpg');
    expect(jpeg).not.toBeNull();
    const { data, info } = await sharp(jpeg as Uint8Array).raw().toBuffer({ resolveWithObject: true });
    // 40 px grown by 40 % each side: 72 px square, the red face in the middle.
    expect([info.width, info.height, info.format]).toEqual([72, 72, 'raw']);
    const centre = (36 * 72 + 36) * info.channels;
    expect(data[centre]).toBeGreaterThan(190);
    expect(data[centre + 1]).toBeLessThan(60);
    expect(existsSync(join(root, 'faces', 'p-1', 'f-1.jpg'))).toBe(true);
  });

  it('clips the margin at the frame edges, takes RGBA frames and scales large crops down', async () => {
    const small = new MediaFaceImageStore(new FileMediaStore(root), { margin: 0.5, maxSide: 50, quality: 80 });
    await small.saveCrop('unknowns/g-1/u-1.jpg', frame(300, 300, { x: 0, y: 0, size: 200 }, 4), { x: 0, y: 0, width: 200, height: 200 });
    const info = await sharp((await small.read('unknowns/g-1/u-1.jpg')) as Uint8Array).metadata();
    expect([info.width, info.height, info.format]).toEqual([50, 50, 'jpeg']);
  });

  it('deletes crops and their emptied folder; unknown or malformed keys are ignored', async () => {
    const f = frame(50, 50, { x: 10, y: 10, size: 20 });
    const box = { x: 10, y: 10, width: 20, height: 20 };
    await store.saveCrop('faces/p-1/a.jpg', f, box);
    await store.saveCrop('faces/p-1/b.jpg', f, box);
    await store.delete(['faces/p-1/a.jpg', 'faces/p-1/missing.jpg', '../../etc/passwd']);
    expect(await store.read('faces/p-1/a.jpg')).toBeNull();
    expect(await store.read('faces/p-1/b.jpg')).not.toBeNull();
    await store.delete(['faces/p-1/b.jpg']);
    expect(existsSync(join(root, 'faces', 'p-1'))).toBe(false);
  });

  it('refuses keys outside the pattern: nothing is written or read through them', async () => {
    const f = frame(50, 50, { x: 10, y: 10, size: 20 });
    for (const key of ['../x.jpg', 'faces/../../x.jpg', 'faces/p/x.png', 'snapshots/p/x.jpg', 'faces/p/q/x.jpg', 'faces/p/.jpg']) {
      expect(isFaceImageKey(key)).toBe(false);
      await expect(store.saveCrop(key, f, { x: 1, y: 1, width: 5, height: 5 })).rejects.toThrow('invalid face image key');
      expect(await store.read(key)).toBeNull();
    }
  });

  it('refuses a box outside the frame', () => {
    expect(() => cropRegion({ width: 10, height: 10 }, { x: 20, y: 20, width: 5, height: 5 }, 0.1)).toThrow('outside the frame');
  });
});
