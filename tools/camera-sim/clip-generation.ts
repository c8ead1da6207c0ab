import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ffmpegFromEnvironment } from './ffmpeg-path';
import { frameCounterFilters } from './frame-counter';

export type ClipKind = 'faces' | 'empty';
export type SimulatorClips = Record<ClipKind, string>;

export const CLIP_FPS = 15;
export const CLIP_SECONDS = 12;
/** Bumped whenever the recipe changes, so cached clips from an older recipe are not reused. */
const RECIPE_VERSION = 2;

/** Public-domain NASA portrait (see PROVENANCE.md next to it). */
export const ASTRONAUT_PHOTO = resolve(__dirname, '../../libs/detection/test/fixtures/astronaut.jpg');

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
];

/** A human-readable label next to the block counter, only where a font file exists (drawtext needs one). */
function labelFilter(kind: ClipKind): string[] {
  const font = FONT_CANDIDATES.find((file) => existsSync(file));
  if (!font) return [];
  const text = `${kind} frame %{eif\\:n\\:d}`;
  return [`drawtext=fontfile=${font}:text='${text}':x=264:y=338:fontsize=14:fontcolor=white:box=1:boxcolor=black@0.6`];
}

/**
 * The astronaut on a 1280×720 blue canvas, seen through a zooming, panning 640×360 window (zoompan):
 * the face is 60–110 px tall and moves. All motion has a period dividing the clip length, so the
 * loop is seamless.
 */
function facesFilterGraph(): string {
  const frames = CLIP_FPS * CLIP_SECONDS;
  const zoompan = [
    `zoompan=z='1.4+0.4*sin(2*PI*on/${frames})'`,
    `x='(iw-iw/zoom)/2+120*sin(2*PI*on/${frames / 2})'`,
    `y='(ih-ih/zoom)/2+50*sin(2*PI*on/${frames})'`,
    `d=1:s=640x360:fps=${CLIP_FPS}`,
  ].join(':');
  const overlays = [zoompan, ...frameCounterFilters(), ...labelFilter('faces'), 'format=yuv420p'].join(',');
  return `[1:v]scale=360:360[face];[0:v][face]overlay=x=460:y=180,${overlays}[out]`;
}

/**
 * Plain moving shapes on a flat background: motion for the motion gate, nothing a face detector could
 * mistake for a face (ffmpeg's testsrc2 noise and digits do give BlazeFace false positives).
 */
function emptyFilterGraph(): string {
  const frames = CLIP_FPS * CLIP_SECONDS;
  const first = `overlay=x='240+200*sin(2*PI*n/${frames})':y='40+60*sin(4*PI*n/${frames})'`;
  const second = `overlay=x='285+250*cos(2*PI*n/${frames / 2})':y='200+50*sin(2*PI*n/${frames})'`;
  const overlays = [...frameCounterFilters(), ...labelFilter('empty'), 'format=yuv420p'].join(',');
  return `[0:v][1:v]${first}[a];[a][2:v]${second},${overlays}[out]`;
}

/** H.264 as cameras send it: main profile, no B-frames, 1 s GOP with SPS/PPS, raw Annex B. */
function encoderArguments(output: string, frames = CLIP_FPS * CLIP_SECONDS): string[] {
  const gop = String(CLIP_FPS);
  return ['-frames:v', String(frames), '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast',
    '-tune', 'zerolatency', '-bf', '0', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-f', 'h264', output];
}

/** ffmpeg arguments that write one clip (works with ffmpeg 4.1 and 5.x). */
export function clipArguments(kind: ClipKind, output: string): string[] {
  const common = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  if (kind === 'faces') {
    return [...common, '-f', 'lavfi', '-i', `color=c=0x2a4d69:s=1280x720:r=${CLIP_FPS}`,
      '-loop', '1', '-framerate', String(CLIP_FPS), '-i', ASTRONAUT_PHOTO,
      '-filter_complex', facesFilterGraph(), '-map', '[out]', ...encoderArguments(output)];
  }
  return [...common, '-f', 'lavfi', '-i', `color=c=0x4a5d3a:s=640x360:r=${CLIP_FPS}`,
    '-f', 'lavfi', '-i', `color=c=0xd08030:s=160x90:r=${CLIP_FPS}`, '-f', 'lavfi', '-i', `color=c=0x3070c0:s=70x70:r=${CLIP_FPS}`,
    '-filter_complex', emptyFilterGraph(), '-map', '[out]', ...encoderArguments(output)];
}

function runFfmpeg(ffmpeg: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else reject(new Error(`ffmpeg exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

export function clipPath(dir: string, kind: ClipKind): string {
  return join(dir, `${kind}-v${RECIPE_VERSION}.h264`);
}

/** Removes clips made by older recipes. */
function removeStaleClips(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = /^(faces|empty|visits)-v(\d+)\.h264$/.exec(name);
    if (match && Number(match[2]) !== RECIPE_VERSION) rmSync(join(dir, name), { force: true });
  }
}

/** Runs ffmpeg into a private name and renames: parallel test workers never read a half-written clip. */
async function writeClip(ffmpeg: string, file: string, args: (output: string) => string[]): Promise<void> {
  if (existsSync(file) && statSync(file).size > 0) return;
  const partial = `${file}.${process.pid}.partial`;
  try {
    await runFfmpeg(ffmpeg, args(partial));
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Seconds a face stays in view, then away, in the visits clip. */
export const VISIT_SECONDS = 4;

/**
 * A face that comes and goes: the first VISIT_SECONDS of the faces clip, then as long of the empty
 * one. Each return is a new face track, so a camera on this clip alerts every 2 × VISIT_SECONDS
 * (with no cooldown): what the pipeline benchmark needs to sample alert latency.
 */
export async function ensureVisitsClip(dir: string, clips: SimulatorClips, ffmpeg: string = ffmpegFromEnvironment()): Promise<string> {
  const file = join(dir, `visits-v${RECIPE_VERSION}.h264`);
  const frames = CLIP_FPS * VISIT_SECONDS;
  const graph = `[0:v]trim=end_frame=${frames},setpts=PTS-STARTPTS[a];[1:v]trim=end_frame=${frames},setpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=1[out]`;
  await writeClip(ffmpeg, file, (output) => [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-r', String(CLIP_FPS), '-f', 'h264', '-i', clips.faces, '-r', String(CLIP_FPS), '-f', 'h264', '-i', clips.empty,
    '-filter_complex', graph, '-map', '[out]', ...encoderArguments(output, 2 * frames),
  ]);
  return file;
}

/** Creates the simulator's clips in `dir` unless they are already there; returns their paths. */
export async function ensureClips(dir: string, ffmpeg: string = ffmpegFromEnvironment()): Promise<SimulatorClips> {
  mkdirSync(dir, { recursive: true });
  removeStaleClips(dir);
  const clips = { faces: clipPath(dir, 'faces'), empty: clipPath(dir, 'empty') };
  for (const kind of ['faces', 'empty'] as const) await writeClip(ffmpeg, clips[kind], (output) => clipArguments(kind, output));
  return clips;
}
