import { blazeFaceAnchors, decodeDetections, REGRESSORS_PER_ANCHOR } from './blazeface-decoder';
import { assembleHeads } from './blazeface-model';

function emptyRaw(count: number) {
  return { logits: new Float32Array(count).fill(-10), regressors: new Float32Array(count * REGRESSORS_PER_ANCHOR) };
}

describe('blazeFaceAnchors', () => {
  it.each([128, 256])('gives 896 anchors for a %i input, fine head first', (size) => {
    const anchors = blazeFaceAnchors(size);
    expect(anchors.length / 2).toBe(896);
    const fine = size / 16;
    expect(Array.from(anchors.subarray(0, 4))).toEqual([fine / 2, fine / 2, fine / 2, fine / 2]); // 2 per cell
    const coarse = size / 8;
    expect(Array.from(anchors.subarray(512 * 2, 512 * 2 + 2))).toEqual([coarse / 2, coarse / 2]);
    expect(anchors[anchors.length - 2]).toBe(size - coarse / 2);
  });
});

describe('decodeDetections', () => {
  const anchors = blazeFaceAnchors(256);

  it('turns an anchor with a high logit into a box around anchor + offset', () => {
    const raw = emptyRaw(896);
    const i = 100; // fine head: cell 50 → gx 2, gy 3 → centre (40, 56)
    raw.logits[i] = 2;
    raw.regressors.set([4, -6, 30, 40], i * REGRESSORS_PER_ANCHOR);
    const [box, ...rest] = decodeDetections(raw, anchors, 0.5);
    expect(rest).toEqual([]);
    expect(box.x).toBeCloseTo(40 + 4 - 15);
    expect(box.y).toBeCloseTo(56 - 6 - 20);
    expect(box.width).toBe(30);
    expect(box.height).toBe(40);
    expect(box.score).toBeCloseTo(1 / (1 + Math.exp(-2)));
  });

  it('drops scores under the threshold and boxes with no size', () => {
    const raw = emptyRaw(896);
    raw.logits[1] = 0; // score 0.5
    raw.logits[2] = 5;
    raw.regressors.set([0, 0, 0, 10], 2 * REGRESSORS_PER_ANCHOR);
    expect(decodeDetections(raw, anchors, 0.6)).toEqual([]);
  });

  it('rejects outputs of the wrong size', () => {
    expect(() => decodeDetections(emptyRaw(100), anchors, 0.5)).toThrow(/100 anchors, expected 896/);
  });
});

describe('assembleHeads', () => {
  it('orders the four outputs by shape, whatever order the runtime returns them in', () => {
    const t = (n: number, width: number, value: number) => ({ dims: [1, n, width], data: new Float32Array(n * width).fill(value) });
    const raw = assembleHeads([t(384, 16, 4), t(512, 1, 1), t(384, 1, 2), t(512, 16, 3)]);
    expect(raw.logits[0]).toBe(1);
    expect(raw.logits[895]).toBe(2);
    expect(raw.regressors[0]).toBe(3);
    expect(raw.regressors[896 * 16 - 1]).toBe(4);
  });

  it('fails loudly on an unknown model layout', () => {
    expect(() => assembleHeads([{ dims: [1, 896, 17], data: new Float32Array(896 * 17) }])).toThrow(/unexpected BlazeFace outputs/);
  });
});
