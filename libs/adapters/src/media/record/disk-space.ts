import { statfs } from 'node:fs/promises';
import type { DiskSpace } from '@argus/domain';

/** The size and free space (for unprivileged users) of the file system holding `path`. */
export class StatfsDiskSpace implements DiskSpace {
  constructor(private readonly path: string) {}

  async check(): Promise<{ total: number; free: number }> {
    const stats = await statfs(this.path);
    return { total: stats.blocks * stats.bsize, free: stats.bavail * stats.bsize };
  }
}
