import { decodeWeights, type WeightsManifest } from './ssd-weights';

describe('decodeWeights', () => {
  it('dequantises uint8 weights, reads float32 and int32 ones, in manifest order', () => {
    const manifest: WeightsManifest[] = [
      {
        paths: ['a.bin'],
        weights: [
          { name: 'q', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
          { name: 'f', shape: [2], dtype: 'float32' },
          { name: 'i', shape: [], dtype: 'int32' },
        ],
      },
    ];
    const bin = new Uint8Array(3 + 8 + 4);
    bin.set([0, 2, 255], 0);
    const view = new DataView(bin.buffer);
    view.setFloat32(3, 1.5, true);
    view.setFloat32(7, -2, true);
    view.setInt32(11, 42, true);
    const weights = decodeWeights(manifest, () => bin);
    expect(Array.from(weights.get('q')?.data ?? [])).toEqual([-1, 0, 126.5]);
    expect(Array.from(weights.get('f')?.data ?? [])).toEqual([1.5, -2]);
    expect(weights.get('i')).toEqual({ shape: [], data: Float32Array.of(42) });
  });

  it('refuses a binary whose size does not match the manifest', () => {
    const manifest: WeightsManifest[] = [{ paths: ['a.bin'], weights: [{ name: 'f', shape: [2], dtype: 'float32' }] }];
    expect(() => decodeWeights(manifest, () => new Uint8Array(12))).toThrow(/8 bytes, files hold 12/);
  });
});
