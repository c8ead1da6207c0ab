import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The packaged static ffmpeg (4.1), present after `npm ci` on linux-x64. */
function packagedFfmpeg(): string | null {
  try {
    // The platform package has no entry point: the binary sits next to its package.json.
    const binary = join(dirname(require.resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg');
    return isExecutable(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** ffmpeg to use: FFMPEG_PATH, else `ffmpeg` on PATH, else the @ffmpeg-installer binary. */
export function locateFfmpeg(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FFMPEG_PATH) return env.FFMPEG_PATH;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'ffmpeg'))) return join(dir, 'ffmpeg');
  }
  const packaged = packagedFfmpeg();
  if (packaged) return packaged;
  throw new Error('ffmpeg not found: set FFMPEG_PATH, install ffmpeg, or run npm ci (@ffmpeg-installer/linux-x64)');
}

/** Both ffmpeg builds the tests should exercise, where present (Debian's and the packaged 4.1). */
export function availableFfmpegBuilds(): { name: string; path: string }[] {
  const builds: { name: string; path: string }[] = [];
  if (isExecutable('/usr/bin/ffmpeg')) builds.push({ name: 'system', path: '/usr/bin/ffmpeg' });
  const packaged = packagedFfmpeg();
  if (packaged) builds.push({ name: 'packaged 4.1', path: packaged });
  return builds;
}
