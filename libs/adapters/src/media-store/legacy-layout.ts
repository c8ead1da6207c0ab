import { copyFile, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Before the media store, alert snapshots lived in `DATA_DIR/snapshots/<cameraId>/…`; the file media
 * store keeps them at `DATA_DIR/media/snapshots/<cameraId>/…` (its key `snapshots/…`). This moves an
 * older install's snapshots there once, at start-up: by rename (instant on one file system), else
 * copy and delete, file by file, so an interrupted move simply goes on at the next start. Answers
 * how many files moved.
 */
export async function moveLegacySnapshots(dataDir: string, mediaRoot: string): Promise<number> {
  const from = join(dataDir, 'snapshots');
  const to = join(mediaRoot, 'snapshots');
  if (!(await isFolder(from))) return 0;
  const moved = await merge(from, to);
  await rmdir(from).catch(() => undefined);
  return moved;
}

async function merge(from: string, to: string): Promise<number> {
  await mkdir(to, { recursive: true });
  let moved = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      moved += await merge(source, target);
      await rmdir(source).catch(() => undefined);
    } else if (entry.isFile()) {
      await move(source, target);
      moved++;
    }
  }
  return moved;
}

async function move(source: string, target: string): Promise<void> {
  try {
    await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // Another file system (a separate volume): copy, then delete the original.
    const partial = join(dirname(target), `.${basename(target)}.partial`); // hidden: never listed as media
    await copyFile(source, partial);
    await rename(partial, target);
    await rm(source, { force: true });
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}
