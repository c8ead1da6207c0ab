import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SnapshotStore } from '@argus/domain';

const ID = /^[\w-]{1,100}$/;
const KEY = /^([\w-]{1,100})\/(\d{4}-\d{2}-\d{2})\/([0-9a-f-]{36})\.jpg$/;

/**
 * JPEG snapshots under `DATA_DIR/snapshots/<cameraId>/<day>/<uuid>.jpg`. Keys are made here and
 * checked against one strict pattern on read, so no request can steer a path (no traversal).
 */
export class FsSnapshotStore implements SnapshotStore {
  constructor(private readonly root: string) {}

  async save(cameraId: string, jpeg: Uint8Array): Promise<string> {
    if (!ID.test(cameraId)) throw new Error('invalid camera id for a snapshot');
    const day = new Date().toISOString().slice(0, 10);
    const key = `${cameraId}/${day}/${randomUUID()}.jpg`;
    await mkdir(join(this.root, cameraId, day), { recursive: true });
    await writeFile(join(this.root, key), jpeg, { mode: 0o640 });
    return key;
  }

  async read(key: string): Promise<Uint8Array | null> {
    if (!isSnapshotKey(key)) return null;
    try {
      return await readFile(join(this.root, key));
    } catch {
      return null;
    }
  }

  async deleteForCamera(cameraId: string): Promise<void> {
    if (!ID.test(cameraId)) return;
    await rm(join(this.root, cameraId), { recursive: true, force: true });
  }
}

export function isSnapshotKey(key: string): boolean {
  return typeof key === 'string' && KEY.test(key);
}

/** The camera a snapshot belongs to (access is decided by the camera). */
export function snapshotCameraId(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}
