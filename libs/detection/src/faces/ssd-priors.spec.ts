import { join } from 'node:path';
import { packageDir } from '../model/model-assets';
import { priorsAsCentres, ssdFeatureSizes, ssdPriors } from './ssd-priors';
import { readWeightsFromDisk } from './ssd-weights';

describe('ssdFeatureSizes', () => {
  it('halves from stride 16 down to one cell, rounding up', () => {
    expect(ssdFeatureSizes(512)).toEqual([32, 16, 8, 4, 2, 1]);
    expect(ssdFeatureSizes(128)).toEqual([8, 4, 2, 1, 1, 1]);
    expect(ssdFeatureSizes(320)).toEqual([20, 10, 5, 3, 2, 1]);
  });
});

describe('ssdPriors', () => {
  const trained = readWeightsFromDisk(join(packageDir('@vladmandic/face-api'), 'model'), 'ssd_mobilenetv1_model-weights_manifest.json').get(
    'Output/extra_dim',
  );

  it('rebuilds the trained 512 px priors exactly from their shapes and the grid', () => {
    const data = trained?.data ?? new Float32Array();
    const rebuilt = ssdPriors(data, 512, 512).data;
    const original = priorsAsCentres(data, 512).data;
    expect(rebuilt.length).toBe(5118 * 4);
    let worst = 0;
    for (let i = 0; i < rebuilt.length; i++) worst = Math.max(worst, Math.abs(rebuilt[i] - original[i]));
    expect(worst).toBeLessThan(1e-5);
  });

  it('keeps each anchor’s size in pixels at another input size, on the new grid', () => {
    const data = trained?.data ?? new Float32Array();
    const at128 = ssdPriors(data, 512, 128).data;
    const original = priorsAsCentres(data, 512).data;
    expect(at128.length / 4).toBe(8 * 8 * 3 + 4 * 4 * 6 + 2 * 2 * 6 + 3 * 6);
    // First anchor of the finest map: centre of cell (0, 0) of an 8×8 grid, 4× the normalised size.
    expect(at128[0]).toBeCloseTo(1 / 16);
    expect(at128[1]).toBeCloseTo(1 / 16);
    const mid = (16 * 32 + 16) * 3 * 4; // the trained anchor the shapes are read from
    expect(at128[2]).toBeCloseTo(original[mid + 2] * 4);
    expect(at128[3]).toBeCloseTo(original[mid + 3] * 4);
  });

  it('rejects priors of another layout', () => {
    expect(() => ssdPriors(new Float32Array(40), 512, 128)).toThrow(/10 anchors, expected 5118/);
  });
});
