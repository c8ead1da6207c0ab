import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** What differs between the ffmpeg versions Argus meets (Debian 5.x+, the packaged static 4.1). */
export interface FfmpegCapabilities {
  /**
   * RTSP socket I/O time-out, in microseconds. ffmpeg ≥ 5 calls it `-timeout`; 4.x calls it
   * `-stimeout`, and there `-timeout` means "listen for incoming connections": never mix them up.
   */
  rtspTimeoutOption: '-timeout' | '-stimeout';
  /** Keep decoded frames' own timestamps, no duplicates: `-fps_mode` from 5.1, `-vsync` before. */
  passthroughArgs: readonly string[];
}

export interface FfmpegVersion {
  /** As printed (`5.1.9-0+deb12u1`, or a build id such as `N-47683-g0e8eb07980-static`). */
  version: string;
  /** libavformat major.minor: the dependable number, builds from git print no release. */
  libavformat: { major: number; minor: number };
}

export interface FfmpegBinary extends FfmpegVersion {
  path: string;
  capabilities: FfmpegCapabilities;
}

const PACKAGED = '@ffmpeg-installer/linux-x64/package.json';
// libavformat major of each ffmpeg release line, for builds whose -version lacks the library line.
const LAVF_OF_RELEASE: Record<number, number> = { 3: 57, 4: 58, 5: 59, 6: 60, 7: 61, 8: 62 };
// The libavformat of ffmpeg 5.1, where -fps_mode appeared.
const FPS_MODE_SINCE = { major: 59, minor: 27 };

/** Where ffmpeg comes from, as the application's configuration says. */
export interface FfmpegLocation {
  /** FFMPEG_PATH: used as it is when set. */
  ffmpegPath?: string | null;
  /** PATH: its directories are searched for an executable `ffmpeg`; not searched when absent. */
  ffmpegSearchPath?: string;
}

/**
 * `configuredPath` (FFMPEG_PATH) when set, else `ffmpeg` in a directory of `searchPath` (the PATH the
 * caller searches), else the binary of `@ffmpeg-installer/linux-x64` (4.1).
 */
export function locateFfmpeg(configuredPath?: string | null, searchPath?: string): string {
  if (configuredPath) return configuredPath;
  for (const dir of (searchPath ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'ffmpeg');
    if (isExecutable(candidate)) return candidate;
  }
  const packaged = packagedFfmpeg();
  if (packaged) return packaged;
  throw new Error('ffmpeg not found: set FFMPEG_PATH, install ffmpeg or @ffmpeg-installer/linux-x64');
}

/** The binary shipped in node_modules, when installed. */
export function packagedFfmpeg(): string | null {
  try {
    const binary = join(dirname(require.resolve(PACKAGED)), 'ffmpeg');
    return isExecutable(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function parseFfmpegVersion(output: string): FfmpegVersion {
  const version = /ffmpeg version (\S+)/.exec(output)?.[1];
  if (!version) throw new Error('not an ffmpeg -version output');
  const lavf = /libavformat\s+(\d+)\.\s*(\d+)/.exec(output);
  if (lavf) return { version, libavformat: { major: Number(lavf[1]), minor: Number(lavf[2]) } };
  const release = /^n?(\d+)\.(\d+)/.exec(version);
  const major = release ? LAVF_OF_RELEASE[Number(release[1])] : undefined;
  if (!release || major === undefined) throw new Error(`cannot tell the libavformat version of ffmpeg ${version}`);
  // Without the library line only 5.0 versus 5.1 matters (-fps_mode); later releases all have it.
  const minor = major === FPS_MODE_SINCE.major && Number(release[2]) >= 1 ? FPS_MODE_SINCE.minor : 0;
  return { version, libavformat: { major, minor } };
}

export function capabilitiesOf(libavformat: FfmpegVersion['libavformat']): FfmpegCapabilities {
  const modern = libavformat.major >= 59;
  const fpsMode =
    libavformat.major > FPS_MODE_SINCE.major ||
    (libavformat.major === FPS_MODE_SINCE.major && libavformat.minor >= FPS_MODE_SINCE.minor);
  return {
    rtspTimeoutOption: modern ? '-timeout' : '-stimeout',
    passthroughArgs: fpsMode ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough'],
  };
}

/** Runs `<path> -version` and derives the capabilities. */
export function probeFfmpeg(path: string): Promise<FfmpegBinary> {
  return new Promise((resolve, reject) => {
    execFile(path, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) {
        reject(new Error(`cannot run ffmpeg (${path}): ${error.message}`));
        return;
      }
      try {
        const parsed = parseFfmpegVersion(stdout);
        resolve({ path, ...parsed, capabilities: capabilitiesOf(parsed.libavformat) });
      } catch (e) {
        reject(e);
      }
    });
  });
}

const probed = new Map<string, Promise<FfmpegBinary>>();

/** The configured ffmpeg (see locateFfmpeg), probed once per process (a failed probe is retried next time). */
export function resolveFfmpegBinary(location: FfmpegLocation = {}): Promise<FfmpegBinary> {
  let path: string;
  try {
    path = locateFfmpeg(location.ffmpegPath, location.ffmpegSearchPath);
  } catch (e) {
    return Promise.reject(e);
  }
  let binary = probed.get(path);
  if (!binary) {
    binary = probeFfmpeg(path);
    probed.set(path, binary);
    binary.catch(() => probed.delete(path));
  }
  return binary;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
