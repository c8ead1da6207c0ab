import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CLIP_FPS, ensureClips, ffmpegFromEnvironment } from '../../camera-sim';

const ROOT = join(__dirname, '..', '..', '..');
const CACHE = join(ROOT, 'tmp', 'bench-clips');

/**
 * The simulator's faces clip (burned-in frame counter included) scaled to `width`×`height` and
 * encoded the way cameras send it: Main profile, no B-frames, one keyframe a second. Cached.
 */
export async function benchClip(width: number, height: number): Promise<string> {
  const out = join(CACHE, `faces-${width}x${height}-v1.h264`);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const { faces } = await ensureClips(join(ROOT, 'tmp', 'camera-sim-clips'));
  const gop = String(CLIP_FPS);
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-f', 'h264', '-r', gop, '-i', faces,
    '-vf', `scale=${width}:${height}:flags=neighbor`, '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast',
    '-tune', 'zerolatency', '-bf', '0', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-f', 'h264', `${out}.part`];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpegFromEnvironment(), args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
  renameSync(`${out}.part`, out);
  return out;
}
