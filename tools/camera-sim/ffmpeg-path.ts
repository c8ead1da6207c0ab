import { locateFfmpeg } from '@argus/adapters/media/ffmpeg';

/**
 * The ffmpeg the tools run, found as the API finds its own: FFMPEG_PATH, else `ffmpeg` on PATH, else
 * the packaged binary of `@ffmpeg-installer/linux-x64`.
 */
export function ffmpegFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return locateFfmpeg(env['FFMPEG_PATH'] || null, env['PATH'] ?? '');
}
