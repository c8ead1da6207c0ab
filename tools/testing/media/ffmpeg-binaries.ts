import { locateFfmpeg, packagedFfmpeg } from '@argus/adapters/media/ffmpeg';

/**
 * The ffmpeg binaries the tests run against: the one on PATH (Debian's 5.x here) and the packaged
 * static 4.1, whichever exist. Both must pass: they differ in options (-timeout, -fps_mode).
 */
export function testedFfmpegBinaries(): string[] {
  const found = new Set<string>();
  try {
    found.add(locateFfmpeg(null, process.env['PATH'] ?? ''));
  } catch {
    // No ffmpeg on PATH: the packaged one alone.
  }
  const packaged = packagedFfmpeg();
  if (packaged) found.add(packaged);
  return [...found];
}

/** Any ffmpeg, for making test clips. */
export function anyFfmpeg(): string {
  const [first] = testedFfmpegBinaries();
  if (!first) throw new Error('no ffmpeg binary to test with');
  return first;
}

/** True once the process is gone (signal 0 only checks that it exists). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
