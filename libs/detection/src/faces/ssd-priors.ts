/** Anchors per cell of the six SSD feature maps (MobileNet-v1 conv 11, conv 13, then 4 extra layers). */
export const SSD_ANCHORS_PER_CELL = [3, 6, 6, 6, 6, 6];

/** Feature-map sides for a square input: strides 16 and 32, then each extra layer halves (rounding up). */
export function ssdFeatureSizes(inputSize: number): number[] {
  const sizes = [Math.ceil(inputSize / 16), Math.ceil(inputSize / 32)];
  while (sizes.length < SSD_ANCHORS_PER_CELL.length) sizes.push(Math.ceil(sizes[sizes.length - 1] / 2));
  return sizes;
}

/** Priors as [centreY, centreX, height, width] per anchor, normalised to the input. */
export interface SsdPriors {
  size: number;
  data: Float32Array;
}

/**
 * The priors for another input size, from the trained ones ([ymin, xmin, ymax, xmax] per anchor,
 * feature maps in order, cells row-major, anchors within a cell): each anchor keeps its size in
 * pixels (read at a cell in the middle of its map; the layers' receptive fields are in pixels, so a
 * face of a given pixel size fires the same layer at any input size) and the centres follow the new grid.
 */
export function ssdPriors(trained: Float32Array, trainedSize: number, inputSize: number): SsdPriors {
  const from = ssdFeatureSizes(trainedSize);
  const to = ssdFeatureSizes(inputSize);
  const expected = from.reduce((n, f, i) => n + f * f * SSD_ANCHORS_PER_CELL[i], 0);
  if (trained.length !== expected * 4) throw new RangeError(`SSD priors: ${trained.length / 4} anchors, expected ${expected}`);
  const out: number[] = [];
  const scale = trainedSize / inputSize;
  let base = 0;
  from.forEach((side, layer) => {
    const perCell = SSD_ANCHORS_PER_CELL[layer];
    const mid = Math.floor(side / 2) * side + Math.floor(side / 2);
    const shapes: Array<[number, number]> = [];
    for (let a = 0; a < perCell; a++) {
      const p = (base + mid * perCell + a) * 4;
      shapes.push([(trained[p + 2] - trained[p]) * scale, (trained[p + 3] - trained[p + 1]) * scale]);
    }
    const f = to[layer];
    for (let gy = 0; gy < f; gy++)
      for (let gx = 0; gx < f; gx++) for (const [h, w] of shapes) out.push((gy + 0.5) / f, (gx + 0.5) / f, h, w);
    base += side * side * perCell;
  });
  return { size: inputSize, data: Float32Array.from(out) };
}

/** The trained priors in the same [centreY, centreX, height, width] form. */
export function priorsAsCentres(trained: Float32Array, size: number): SsdPriors {
  const data = new Float32Array(trained.length);
  for (let i = 0; i < trained.length; i += 4) {
    data[i] = (trained[i] + trained[i + 2]) / 2;
    data[i + 1] = (trained[i + 1] + trained[i + 3]) / 2;
    data[i + 2] = trained[i + 2] - trained[i];
    data[i + 3] = trained[i + 3] - trained[i + 1];
  }
  return { size, data };
}
