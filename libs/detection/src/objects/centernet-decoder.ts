/**
 * CenterNet's two heads for one image, as read back from the runtime (NHWC, batch 1): a class
 * heat map (scores already through the sigmoid) and, per cell, the box's distances from the cell
 * to its left, top, right and bottom edges in model-input pixels.
 */
export interface CenterNetHeads {
  /** gridHeight × gridWidth × classes scores in [0, 1]. */
  heatmap: Float32Array;
  /** gridHeight × gridWidth × 4 distances (left, top, right, bottom), input pixels. */
  sizes: Float32Array;
  gridWidth: number;
  gridHeight: number;
  classes: number;
}

/** One decoded object, in model-input pixels; `classId` is the COCO index (0 = person). */
export interface ObjectCandidate {
  classId: number;
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

/** Input pixels per heat-map cell (the heads run at a quarter of the input's resolution). */
export const CENTERNET_STRIDE = 4;

/**
 * Turns the heads into boxes the way the model's own post-processing does: a cell is an object
 * centre when its score is the highest of its 3 × 3 neighbourhood for that class (the heat map's
 * "max-pool NMS") and ≥ minScore; its box is the cell position (column × 4, row × 4) minus the left
 * and top distances, plus the right and bottom ones. The `maxCandidates` best are kept (the model's
 * graph keeps 100). Boxes with no area are dropped; with `onlyClasses`, other classes are skipped.
 */
export function decodeCenterNet(
  heads: CenterNetHeads,
  minScore: number,
  maxCandidates = 100,
  onlyClasses?: ReadonlySet<number>,
): ObjectCandidate[] {
  const { heatmap, sizes, gridWidth: w, gridHeight: h, classes } = heads;
  if (heatmap.length !== w * h * classes || sizes.length !== w * h * 4) {
    throw new RangeError(`CenterNet heads do not match a ${w}×${h} grid of ${classes} classes`);
  }
  const found: ObjectCandidate[] = [];
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const cell = (row * w + col) * classes;
      for (let c = 0; c < classes; c++) {
        const score = heatmap[cell + c];
        if (score < minScore || (onlyClasses && !onlyClasses.has(c)) || !isPeak(heatmap, w, h, classes, row, col, c, score)) continue;
        const s = (row * w + col) * 4;
        const cx = col * CENTERNET_STRIDE;
        const cy = row * CENTERNET_STRIDE;
        const x1 = cx - sizes[s];
        const y1 = cy - sizes[s + 1];
        const x2 = cx + sizes[s + 2];
        const y2 = cy + sizes[s + 3];
        if (x2 <= x1 || y2 <= y1) continue;
        found.push({ classId: c, x: x1, y: y1, width: x2 - x1, height: y2 - y1, score });
      }
    }
  }
  found.sort((a, b) => b.score - a.score);
  return found.length > maxCandidates ? found.slice(0, maxCandidates) : found;
}

/** True when no neighbour (3 × 3, same class) scores higher: equal neighbours are all peaks, as with max-pooling. */
function isPeak(heatmap: Float32Array, w: number, h: number, classes: number, row: number, col: number, c: number, score: number): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    const r = row + dy;
    if (r < 0 || r >= h) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const k = col + dx;
      if (k < 0 || k >= w || (dx === 0 && dy === 0)) continue;
      if (heatmap[(r * w + k) * classes + c] > score) return false;
    }
  }
  return true;
}
