import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isImageFile } from './image-file';

export interface ImagePath {
  /** As the user wrote it (or joined below a folder they named): what the output shows. */
  file: string;
  /** Absolute path to read. */
  path: string;
}

export interface CollectedImages {
  images: ImagePath[];
  /** Paths that could not be used, with the reason. */
  problems: string[];
}

/**
 * Expands the command-line paths: files as given, folders walked recursively (sorted, images only).
 * A file named explicitly is always tried, whatever its extension, so a wrong file is reported.
 * Relative paths are taken from `baseDir`: `npm run` starts scripts in the package root and
 * keeps the caller's folder in INIT_CWD.
 */
export function collectImages(paths: readonly string[], baseDir = process.env['INIT_CWD'] ?? process.cwd()): CollectedImages {
  const images: ImagePath[] = [];
  const problems: string[] = [];
  for (const file of paths) {
    const path = resolve(baseDir, file);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      problems.push(`${file}: no such file or folder`);
      continue;
    }
    if (isDir) images.push(...imagesUnder(file, path));
    else images.push({ file, path });
  }
  return { images, problems };
}

function imagesUnder(file: string, path: string): ImagePath[] {
  const found: ImagePath[] = [];
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const child = { file: join(file, entry.name), path: join(path, entry.name) };
    if (entry.isDirectory()) found.push(...imagesUnder(child.file, child.path));
    else if (entry.isFile() && isImageFile(entry.name)) found.push(child);
  }
  return found;
}
