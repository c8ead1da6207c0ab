import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from '@argus/domain';
import type { Region } from '@argus/detection';
import { readImageFile } from '../detect/image-file';

/** One annotated face image: boxes are [x, y, w, h] in pixels. */
export interface AnnotatedImage {
  file: string;
  boxes: Region[];
  /** Faces (and detections) shorter than this are "don't care". */
  minFace: number;
}

export interface NegativeImage {
  file: string;
  hard: boolean;
}

export interface EvalDataset {
  dir: string;
  images: AnnotatedImage[];
  negatives: NegativeImage[];
}

interface RawAnnotation {
  file: string;
  boxes: Array<[number, number, number, number]>;
  min_face?: number;
}

interface RawNegative {
  file: string;
  hard?: boolean;
}

export const DEFAULT_MIN_FACE = 24;

/** Reads `images/annotations.json` and `negatives/list.json` (the layout of the shared dev set). */
export function loadDataset(dir: string): EvalDataset {
  const annotations = join(dir, 'images', 'annotations.json');
  const negatives = join(dir, 'negatives', 'list.json');
  if (!existsSync(annotations)) throw new Error(`${annotations} not found`);
  const rawImages = JSON.parse(readFileSync(annotations, 'utf8')) as RawAnnotation[];
  const rawNegatives = existsSync(negatives) ? (JSON.parse(readFileSync(negatives, 'utf8')) as RawNegative[]) : [];
  return {
    dir,
    images: rawImages.map((a) => ({
      file: a.file,
      boxes: a.boxes.map(([x, y, width, height]) => ({ x, y, width, height })),
      minFace: a.min_face ?? DEFAULT_MIN_FACE,
    })),
    negatives: rawNegatives.map((n) => ({ file: n.file, hard: n.hard === true })),
  };
}

/** Decodes every image once; the model runs several configurations over the same frames. */
export function decodeAll(dataset: EvalDataset): Map<string, Frame> {
  const frames = new Map<string, Frame>();
  for (const { file } of [...dataset.images, ...dataset.negatives]) {
    frames.set(file, readImageFile(join(dataset.dir, file)));
  }
  return frames;
}
