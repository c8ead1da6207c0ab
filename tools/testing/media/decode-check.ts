import { execFile } from 'node:child_process';

/** Decodes a media file with ffmpeg: how many video frames it holds, and what ffmpeg said on stderr. */
export function decodeWithFfmpeg(ffmpeg: string, file: string): Promise<{ frames: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(ffmpeg, ['-hide_banner', '-v', 'error', '-i', file, '-f', 'framemd5', '-'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ffmpeg: ${stderr || error.message}`));
      else resolve({ frames: stdout.split('\n').filter((l) => /^\s*0,/.test(l)).length, stderr });
    });
  });
}
