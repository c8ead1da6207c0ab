import { spawn } from 'node:child_process';
import { packagedFfmpeg } from '@argus/adapters/media/ffmpeg/ffmpeg-binary';
import { testedFfmpegBinaries } from '../testing/media/ffmpeg-binaries';

export interface FfmpegRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
}

/** A running ffmpeg: how much it has written so far, a way to stop it, and its outcome. */
export interface FfmpegProcess {
  outputBytes(): number;
  kill(): void;
  done: Promise<FfmpegRun>;
}

/** Starts ffmpeg (killed after `timeoutMs`), keeping stdout and the tail of stderr. */
export function startFfmpeg(ffmpeg: string, args: string[], timeoutMs = 20_000): FfmpegProcess {
  const started = Date.now();
  const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  let bytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    bytes += chunk.length;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const done = new Promise<FfmpegRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr, ms: Date.now() - started });
    });
  });
  return { outputBytes: () => bytes, kill: () => child.kill('SIGKILL'), done };
}

export function runFfmpeg(ffmpeg: string, args: string[], timeoutMs?: number): Promise<FfmpegRun> {
  return startFfmpeg(ffmpeg, args, timeoutMs).done;
}

/** Decoded grey frames of `width`×`height` in an ffmpeg rawvideo stdout. */
export function greyFrames(stdout: Buffer, width: number, height: number): Uint8Array[] {
  const size = width * height;
  return Array.from({ length: Math.floor(stdout.length / size) }, (_, i) => new Uint8Array(stdout.subarray(i * size, (i + 1) * size)));
}

/** The ffmpeg builds the adapter's tests run against (Debian's, the packaged 4.1), named for test titles. */
export function availableFfmpegBuilds(): { name: string; path: string }[] {
  const packaged = packagedFfmpeg();
  return testedFfmpegBinaries().map((path) => ({ name: path === packaged ? 'packaged 4.1' : 'system', path }));
}
