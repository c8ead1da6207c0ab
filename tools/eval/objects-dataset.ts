import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TruthObject } from './objects-metrics';

/** One image of an object set: its file (relative to the set's folder), size and boxed objects. */
export interface ObjectImage {
  file: string;
  width: number;
  height: number;
  objects: TruthObject[];
}

export interface ObjectDataset {
  dir: string;
  classes: string[];
  images: ObjectImage[];
}

interface RawImage {
  file?: unknown;
  width?: unknown;
  height?: unknown;
  objects?: Array<{ class?: unknown; box?: unknown }>;
}

function fail(where: string, what: string): never {
  throw new Error(`annotations.json: ${where}: ${what}`);
}

/**
 * Reads `annotations.json`: `classes` (names), `images: [{ file, width, height, objects: [{ class,
 * box: [x, y, w, h] }] }]`, boxes in pixels from the top-left corner.
 */
export function loadObjectDataset(dir: string): ObjectDataset {
  const path = join(dir, 'annotations.json');
  if (!existsSync(path)) throw new Error(`${path} not found`);
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { classes?: unknown; images?: unknown };
  if (!Array.isArray(raw.classes) || !raw.classes.every((c) => typeof c === 'string')) fail('classes', 'expected a list of names');
  if (!Array.isArray(raw.images)) fail('images', 'expected a list');
  const classes = raw.classes as string[];
  const images = (raw.images as RawImage[]).map((image, i): ObjectImage => {
    const where = `images[${i}]`;
    if (typeof image.file !== 'string') fail(where, 'no file');
    if (typeof image.width !== 'number' || typeof image.height !== 'number') fail(where, 'no width/height');
    const objects = (image.objects ?? []).map((o, j) => {
      const box = o.box;
      if (typeof o.class !== 'string' || !classes.includes(o.class)) fail(`${where}.objects[${j}]`, `unknown class ${String(o.class)}`);
      if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number')) fail(`${where}.objects[${j}]`, 'box must be [x, y, w, h]');
      const [x, y, width, height] = box as number[];
      return { label: o.class, x, y, width, height };
    });
    return { file: image.file, width: image.width, height: image.height, objects };
  });
  return { dir, classes, images };
}
