import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileMediaStore } from '../media-store/file-media-store';
import { moveLegacySnapshots } from '../media-store/legacy-layout';
import { MediaSnapshotStore, isSnapshotKey, snapshotCameraId } from './media-snapshot-store';

describe('MediaSnapshotStore on the file media store', () => {
  let dataDir: string;
  let media: FileMediaStore;
  let store: MediaSnapshotStore;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'argus-snapshots-'));
    media = new FileMediaStore(join(dataDir, 'media'));
    store = new MediaSnapshotStore(media);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('saves a JPEG under a key it makes (<camera>/<day>/<uuid>.jpg), kept at media/snapshots/<key>', async () => {
    const key = await store.save('cam-1', new Uint8Array([0xff, 0xd8, 1]));
    expect(isSnapshotKey(key)).toBe(true);
    expect(snapshotCameraId(key)).toBe('cam-1');
    expect(key.startsWith(`cam-1/${new Date().toISOString().slice(0, 10)}/`)).toBe(true);
    expect([...(await store.read(key)) as Uint8Array]).toEqual([0xff, 0xd8, 1]);
    expect([...readFileSync(join(dataDir, 'media', 'snapshots', ...key.split('/')))]).toEqual([0xff, 0xd8, 1]);
    expect((await media.head(`snapshots/${key}`))?.contentType).toBe('image/jpeg');
  });

  it('reads nothing through keys outside its pattern, and refuses a camera id that could steer a path', async () => {
    await store.save('cam-1', new Uint8Array([1]));
    for (const key of ['../media/x.jpg', 'cam-1/2026-01-01/../../x.jpg', 'cam-1/x.jpg', 'faces/p-1/f-1.jpg']) expect(await store.read(key)).toBeNull();
    await expect(store.save('../cam', new Uint8Array([1]))).rejects.toThrow('invalid camera id');
  });

  it('deletes a camera’s snapshots and no other’s', async () => {
    const a = await store.save('cam-1', new Uint8Array([1]));
    const b = await store.save('cam-10', new Uint8Array([2]));
    await store.deleteForCamera('cam-1');
    await store.deleteForCamera('../..');
    expect(await store.read(a)).toBeNull();
    expect(await store.read(b)).not.toBeNull();
  });

  it('serves the snapshots of an install from before the media store once they are moved at start-up', async () => {
    // The old layout: DATA_DIR/snapshots/<camera>/<day>/<uuid>.jpg, the alert keeping <camera>/<day>/<uuid>.jpg.
    const oldKey = 'cam-1/2025-06-01/0f8fad5b-d9cb-469f-a165-70867728950e.jpg';
    mkdirSync(join(dataDir, 'snapshots', 'cam-1', '2025-06-01'), { recursive: true });
    writeFileSync(join(dataDir, 'snapshots', ...oldKey.split('/')), 'old jpeg');
    const newer = await store.save('cam-1', new Uint8Array([7])); // already in the new place: kept

    expect(await moveLegacySnapshots(dataDir, join(dataDir, 'media'))).toBe(1);
    expect(Buffer.from((await store.read(oldKey)) as Uint8Array).toString()).toBe('old jpeg');
    expect(await store.read(newer)).not.toBeNull();
    expect(existsSync(join(dataDir, 'snapshots'))).toBe(false);
    expect(await moveLegacySnapshots(dataDir, join(dataDir, 'media'))).toBe(0); // once only
  });
});
