import { open, type FileHandle } from 'node:fs/promises';
import type { OpenRecordingFile } from '@argus/adapters/media/record';

/**
 * Opens recording files whose writes fail as on a full disk (ENOSPC) once `limit` bytes were
 * written in all: the bytes before the limit are on disk, as they would be.
 */
export function fileFullAfter(limit: number): OpenRecordingFile {
  let written = 0;
  return async (path) => {
    const handle = await open(path, 'wx');
    const writev: FileHandle['writev'] = async (buffers, position) => {
      const room = Math.max(0, limit - written);
      const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
      if (total <= room) {
        written += total;
        return handle.writev(buffers, position);
      }
      const partial: NodeJS.ArrayBufferView[] = [];
      let left = room;
      for (const buffer of buffers) {
        if (left <= 0) break;
        const bytes = buffer as Uint8Array;
        partial.push(bytes.subarray(0, Math.min(left, bytes.byteLength)));
        left -= bytes.byteLength;
      }
      if (partial.length > 0) await handle.writev(partial, position);
      written = limit;
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    };
    return new Proxy(handle, {
      get: (target, property) => (property === 'writev' ? writev : Reflect.get(target, property, target)),
    });
  };
}
