import { randomUUID } from 'node:crypto';
import { MEDIA_STORE_UNAVAILABLE, UnavailableError, readMediaBytes, type MediaStore, type SnapshotStore } from '@argus/domain';

const ID = /^[\w-]{1,100}$/;
const KEY = /^([\w-]{1,100})\/(\d{4}-\d{2}-\d{2})\/([0-9a-f-]{36})\.jpg$/;

/** Where alert snapshots live in the media store: `snapshots/<cameraId>/<day>/<uuid>.jpg`. */
export const SNAPSHOT_MEDIA_PREFIX = 'snapshots/';

/**
 * JPEG snapshots in the media store (local disk or S3). A snapshot's key (`<cameraId>/<day>/<uuid>.jpg`,
 * what alerts keep) is made here and checked against one strict pattern on read, so no request can
 * steer a path; in the media store it sits under `snapshots/`.
 */
export class MediaSnapshotStore implements SnapshotStore {
  constructor(private readonly media: MediaStore, private readonly prefix = SNAPSHOT_MEDIA_PREFIX) {}

  async save(cameraId: string, jpeg: Uint8Array): Promise<string> {
    if (!ID.test(cameraId)) throw new Error('invalid camera id for a snapshot');
    const day = new Date().toISOString().slice(0, 10);
    const key = `${cameraId}/${day}/${randomUUID()}.jpg`;
    await this.media.put(this.prefix + key, jpeg, 'image/jpeg');
    return key;
  }

  async read(key: string): Promise<Uint8Array | null> {
    if (!isSnapshotKey(key)) return null;
    try {
      return await readMediaBytes(this.media, this.prefix + key);
    } catch {
      throw new UnavailableError(MEDIA_STORE_UNAVAILABLE); // answered 503, not 500
    }
  }

  async deleteForCamera(cameraId: string): Promise<void> {
    if (!ID.test(cameraId)) return;
    await this.media.deletePrefix(`${this.prefix}${cameraId}/`);
  }
}

export function isSnapshotKey(key: string): boolean {
  return typeof key === 'string' && KEY.test(key);
}

/** The camera a snapshot belongs to (access is decided by the camera). */
export function snapshotCameraId(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}
