// A camera clip made at test time from a COCO photo with a car (the object evaluation set next to
// the repository, never copied into it), and where the car is in the clip's pixels.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ffmpegFromEnvironment } from '@argus/tools/camera-sim';

/** The object evaluation set (development half), beside the repository. */
export const OBJECTS_DIR = resolve(__dirname, '../../../..', 'shared', 'data', 'objects');
const PHOTO = '000000000064.jpg';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The clip: 640×360 at 15 fps, a 480×270 window of the photo (around its car) scaled up by 4/3, bobbing 12 px. */
export const CAR_CLIP = { width: 640, height: 360, fps: 15, seconds: 6 };
const WINDOW = { x: 0, y: 296, width: 480, height: 270, bob: 12 };

export function objectPhotosAvailable(): boolean {
  return existsSync(join(OBJECTS_DIR, 'annotations.json')) && existsSync(join(OBJECTS_DIR, 'images', PHOTO));
}

/** The annotated car of the photo, in the clip's pixels (where the window rests). */
export function carInClip(): Box {
  const annotations = JSON.parse(readFileSync(join(OBJECTS_DIR, 'annotations.json'), 'utf8')) as {
    images: Array<{ file: string; objects: Array<{ class: string; box: [number, number, number, number] }> }>;
  };
  const image = annotations.images.find((i) => i.file.endsWith(PHOTO));
  const car = image?.objects.find((o) => o.class === 'car');
  if (!car) throw new Error(`${PHOTO}: no car in the annotations`);
  const [x, y, width, height] = car.box;
  const scale = CAR_CLIP.width / WINDOW.width;
  return { x: (x - WINDOW.x) * scale, y: (y - WINDOW.y) * scale, width: width * scale, height: height * scale };
}

/** Makes the clip (once per folder) and returns its path. */
export async function ensureCarClip(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'car-v1.h264');
  if (existsSync(file) && statSync(file).size > 0) return file;
  const frames = CAR_CLIP.fps * CAR_CLIP.seconds;
  const { x, y, width, height, bob } = WINDOW;
  // The window bobs up and down over the photo (a period dividing the clip, so it loops without a jump): motion, as a camera sees.
  const crop = `crop=${width}:${height}:${x}:'${y}+${bob}*sin(2*PI*n/${frames / 2})'`;
  const partial = `${file}.${process.pid}.partial`;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-loop', '1', '-framerate', String(CAR_CLIP.fps), '-i', join(OBJECTS_DIR, 'images', PHOTO),
    '-vf', `${crop},scale=${CAR_CLIP.width}:${CAR_CLIP.height},format=yuv420p`,
    '-frames:v', String(frames), '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast', '-tune', 'zerolatency',
    '-bf', '0', '-g', String(CAR_CLIP.fps), '-keyint_min', String(CAR_CLIP.fps), '-sc_threshold', '0', '-f', 'h264', partial,
  ];
  try {
    await run(ffmpegFromEnvironment(), args);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return file;
}

function run(ffmpeg: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
  });
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / (a.width * a.height + b.width * b.height - inter);
}
