import { ValidationError } from '../shared/errors';

/** A face box in source-frame pixels. */
export interface BoundingBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MAX_COORD = 100_000;

export function parseBoundingBox(value: unknown): BoundingBox {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('bbox must be an object { x, y, width, height }');
  }
  const v = value as Record<string, unknown>;
  const out: Partial<BoundingBox> = {};
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    const n = v[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > MAX_COORD) {
      throw new ValidationError(`bbox.${key} must be a finite number`);
    }
    out[key] = n;
  }
  if ((out.width as number) <= 0 || (out.height as number) <= 0) {
    throw new ValidationError('bbox.width and bbox.height must be positive');
  }
  return out as BoundingBox;
}

export function iou(a: BoundingBox, b: BoundingBox): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** The box in a picture `sx` times as wide and `sy` times as tall as the one it was found in. */
export function scaleBox(box: BoundingBox, sx: number, sy: number): BoundingBox {
  return { x: box.x * sx, y: box.y * sy, width: box.width * sx, height: box.height * sy };
}
