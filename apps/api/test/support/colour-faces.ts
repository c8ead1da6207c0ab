import sharp from 'sharp';
import type { AnalysedFace, AnalyseOptions, BoundingBox, FaceAnalyser, Frame } from '@argus/domain';

/**
 * Test stand-in for the face analyser, never used by the product: on a grey background every
 * square of one saturated colour is a "face", and its colour is its identity (the embedding is the
 * colour's direction from grey). Photos for it come from `colourPhoto`.
 */
export class ColourPatchAnalyser implements FaceAnalyser {
  readonly model = 'colour-patch@1';
  /** Frames it was asked to analyse, for tests that check what reached it. */
  readonly seen: Array<{ width: number; height: number }> = [];

  constructor(private readonly minFaceSize = 40) {}

  async analyse(frame: Frame, options: AnalyseOptions = {}): Promise<AnalysedFace[]> {
    this.seen.push({ width: frame.width, height: frame.height });
    return patches(frame)
      .filter(({ box }) => inRegions(box, options.regions))
      .map(({ box, colour }) => {
        const tooSmall = box.width < this.minFaceSize;
        const quality = { size: box.width, sharpness: 100, yaw: 0, score: tooSmall ? 0.2 : 0.9, ...(tooSmall ? { rejection: 'too-small' as const } : {}) };
        const embed = (options.embed ?? true) && !tooSmall;
        return { box, score: 0.99, quality, embedding: embed ? { model: this.model, vector: direction(colour) } : null };
      });
  }
}

export type Rgb = [number, number, number];
export const RED: Rgb = [230, 20, 20];
export const GREEN: Rgb = [20, 230, 20];
export const BLUE: Rgb = [20, 20, 230];
export const YELLOW: Rgb = [230, 230, 20];

const GREY = 128;
/** A pixel belongs to a patch when a channel is this far from the grey background. */
const SATURATION = 60;

export interface PatchSpec {
  x: number;
  y: number;
  size: number;
  colour: Rgb;
}

/** A grey `width`×`height` PNG (or JPEG) with the given coloured squares. */
export async function colourPhoto(width: number, height: number, patchesToDraw: PatchSpec[], format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3, GREY);
  for (const p of patchesToDraw) {
    for (let y = p.y; y < Math.min(height, p.y + p.size); y++) {
      for (let x = p.x; x < Math.min(width, p.x + p.size); x++) pixels.set(p.colour, (y * width + x) * 3);
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 95 }).toBuffer();
}

/** One face of the given colour filling most of a 320×240 photo. */
export const portrait = (colour: Rgb, format: 'png' | 'jpeg' = 'png') => colourPhoto(320, 240, [{ x: 100, y: 60, size: 120, colour }], format);

function patches(frame: Frame): Array<{ box: BoundingBox; colour: Rgb }> {
  const found = new Map<string, { x0: number; y0: number; x1: number; y1: number; sum: Rgb; n: number }>();
  const { width, height, channels, data } = frame;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      const rgb: Rgb = [data[o], data[o + 1], data[o + 2]];
      if (!rgb.some((c) => Math.abs(c - GREY) > SATURATION)) continue;
      const key = rgb.map((c) => (c > GREY + SATURATION ? 'h' : c < GREY - SATURATION ? 'l' : 'm')).join('');
      const p = found.get(key) ?? { x0: x, y0: y, x1: x, y1: y, sum: [0, 0, 0] as Rgb, n: 0 };
      p.x0 = Math.min(p.x0, x);
      p.y0 = Math.min(p.y0, y);
      p.x1 = Math.max(p.x1, x);
      p.y1 = Math.max(p.y1, y);
      for (let c = 0; c < 3; c++) p.sum[c] += rgb[c];
      p.n++;
      found.set(key, p);
    }
  }
  // A few stray pixels (JPEG ringing) are no face.
  return [...found.values()]
    .filter((p) => p.n >= 16)
    .map((p) => ({ box: { x: p.x0, y: p.y0, width: p.x1 - p.x0 + 1, height: p.y1 - p.y0 + 1 }, colour: p.sum.map((s) => s / p.n) as Rgb }));
}

function direction(colour: Rgb): number[] {
  const v = colour.map((c) => c - GREY);
  const norm = Math.hypot(...v) || 1;
  return v.map((c) => c / norm);
}

function inRegions(box: BoundingBox, regions: BoundingBox[] | undefined): boolean {
  if (!regions) return true;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return regions.some((r) => cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height);
}
