import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemuxedUnit, MpegTsDemuxer } from '@argus/adapters/media/container';

export interface TestClipOptions {
  width?: number;
  height?: number;
  fps?: number;
  seconds?: number;
  /** Frames between keyframes. */
  gop?: number;
  codec?: 'libx264' | 'libx265';
  /** H.264 slices per picture (libx264), as some encoders send them. */
  slices?: number;
}

/** A synthetic clip (ffmpeg's testsrc2) encoded into MPEG-TS in a temporary directory. */
export async function makeTestClip(ffmpeg: string, options: TestClipOptions = {}): Promise<Uint8Array> {
  const { width = 320, height = 240, fps = 10, seconds = 2, gop = 10, codec = 'libx264', slices } = options;
  const dir = mkdtempSync(join(tmpdir(), 'argus-clip-'));
  const out = join(dir, 'clip.ts');
  const codecArgs =
    codec === 'libx265'
      ? ['-x265-params', `keyint=${gop}:bframes=0:log-level=error`]
      : ['-bf', '0', '-g', String(gop), ...(slices ? ['-slices', String(slices)] : [])];
  try {
    await run(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
      '-t', String(seconds), '-c:v', codec, '-preset', 'veryfast', '-pix_fmt', 'yuv420p', ...codecArgs,
      '-f', 'mpegts', out,
    ]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The access units of an MPEG-TS buffer. */
export function demuxAll(ts: Uint8Array): DemuxedUnit[] {
  const units: DemuxedUnit[] = [];
  const demuxer = new MpegTsDemuxer({ program: () => undefined, unit: (unit) => units.push(unit) });
  demuxer.push(ts, 0);
  demuxer.flush();
  return units;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${stderr || error.message}`)) : resolve(),
    );
  });
}
