import { CENTERNET_STRIDE, decodeCenterNet, type CenterNetHeads } from './centernet-decoder';

/** Empty heads for a w × h grid of `classes` classes; set() puts one class score and box at a cell. */
function heads(w: number, h: number, classes = 3) {
  const out: CenterNetHeads = {
    heatmap: new Float32Array(w * h * classes),
    sizes: new Float32Array(w * h * 4),
    gridWidth: w,
    gridHeight: h,
    classes,
  };
  const set = (col: number, row: number, classId: number, score: number, ltrb: [number, number, number, number] = [8, 8, 8, 8]) => {
    out.heatmap[(row * w + col) * classes + classId] = score;
    out.sizes.set(ltrb, (row * w + col) * 4);
  };
  return { heads: out, set };
}

describe('decodeCenterNet', () => {
  it('turns a peak into a box around the cell: position minus left/top, plus right/bottom', () => {
    const { heads: h, set } = heads(8, 6);
    set(5, 2, 1, 0.8, [10, 4, 6, 12]);
    const [box, ...rest] = decodeCenterNet(h, 0.3);
    expect(rest).toEqual([]);
    expect(box.classId).toBe(1);
    expect(box.score).toBeCloseTo(0.8);
    expect(box.x).toBe(5 * CENTERNET_STRIDE - 10);
    expect(box.y).toBe(2 * CENTERNET_STRIDE - 4);
    expect(box.width).toBe(16);
    expect(box.height).toBe(16);
  });

  it('keeps only the local maximum of a 3 × 3 neighbourhood, per class', () => {
    const { heads: h, set } = heads(8, 8);
    set(3, 3, 0, 0.9);
    set(4, 3, 0, 0.6); // neighbour of a better cell, same class: not a centre
    set(4, 4, 2, 0.5); // same place, another class: its own peak
    set(6, 6, 0, 0.7); // two cells away from the best: a second object
    const found = decodeCenterNet(h, 0.3);
    expect(found.map((b) => [b.classId, b.score.toFixed(1)])).toEqual([
      [0, '0.9'],
      [0, '0.7'],
      [2, '0.5'],
    ]);
  });

  it('applies the threshold, the class filter and the candidate limit (best first)', () => {
    const { heads: h, set } = heads(10, 10);
    set(1, 1, 0, 0.25);
    set(4, 1, 0, 0.45);
    set(7, 1, 1, 0.55);
    set(1, 5, 2, 0.65);
    expect(decodeCenterNet(h, 0.3).map((b) => b.score.toFixed(2))).toEqual(['0.65', '0.55', '0.45']);
    expect(decodeCenterNet(h, 0.3, 2).map((b) => b.score.toFixed(2))).toEqual(['0.65', '0.55']);
    expect(decodeCenterNet(h, 0.3, 100, new Set([0, 1])).map((b) => b.classId)).toEqual([1, 0]);
  });

  it('drops boxes with no area', () => {
    const { heads: h, set } = heads(4, 4);
    set(2, 2, 0, 0.9, [-3, 2, 2, 2]); // left edge right of the right edge
    expect(decodeCenterNet(h, 0.3)).toEqual([]);
  });

  it('rejects heads that do not match their grid', () => {
    const { heads: h } = heads(4, 4);
    expect(() => decodeCenterNet({ ...h, gridWidth: 5 }, 0.3)).toThrow(/5×4 grid/);
  });
});
