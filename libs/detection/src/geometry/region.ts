/** An axis-aligned rectangle in pixels, top-left origin. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Corner form used by the decoder and NMS: [x1, y1, x2, y2]. */
export interface Corners {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function area(box: Region): number {
  return Math.max(0, box.width) * Math.max(0, box.height);
}

/** Intersection over union of two boxes (0 when either is empty). */
export function iou(a: Region, b: Region): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Clips a box to the frame; an empty intersection gives width or height 0. */
export function clipToFrame<T extends Region>(box: T, frameWidth: number, frameHeight: number): T {
  const x1 = Math.min(Math.max(box.x, 0), frameWidth);
  const y1 = Math.min(Math.max(box.y, 0), frameHeight);
  const x2 = Math.min(Math.max(box.x + box.width, 0), frameWidth);
  const y2 = Math.min(Math.max(box.y + box.height, 0), frameHeight);
  return { ...box, x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}
