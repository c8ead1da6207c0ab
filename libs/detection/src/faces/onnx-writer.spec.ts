import * as ort from 'onnxruntime-node';
import { encodeOnnxModel } from './onnx-writer';

describe('encodeOnnxModel', () => {
  it('writes a model ONNX Runtime loads and runs: Conv with SAME padding, Clip, Transpose, Reshape', async () => {
    // 1×1×4×4 input, one 3×3 all-ones filter at stride 2 (SAME_UPPER: pad 0 before, 1 after), bias 0.5, clipped to [0, 6].
    const bytes = encodeOnnxModel({
      nodes: [
        { op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['c'], attributes: { auto_pad: 'SAME_UPPER', strides: [2, 2], kernel_shape: [3, 3], group: 1 } },
        { op: 'Clip', inputs: ['c', 'lo', 'hi'], outputs: ['r'] },
        { op: 'Transpose', inputs: ['r'], outputs: ['t'], attributes: { perm: [0, 2, 3, 1] } },
        { op: 'Reshape', inputs: ['t', 'shape'], outputs: ['y'] },
      ],
      initializers: [
        { name: 'w', dims: [1, 1, 3, 3], data: new Float32Array(9).fill(1) },
        { name: 'b', dims: [1], data: Float32Array.of(0.5) },
        { name: 'lo', dims: [], data: Float32Array.of(0) },
        { name: 'hi', dims: [], data: Float32Array.of(6) },
        { name: 'shape', dims: [2], data: BigInt64Array.from([0n, -1n]) },
      ],
      inputs: [{ name: 'x', dims: ['batch', 1, 4, 4] }],
      outputs: [{ name: 'y', dims: ['batch', 4] }],
    });
    const session = await ort.InferenceSession.create(bytes);
    try {
      const x = Float32Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1) * 0.25);
      const { y } = await session.run({ x: new ort.Tensor('float32', x, [1, 1, 4, 4]) });
      expect(y.dims).toEqual([1, 4]);
      // Windows (rows 0–2, cols 0–2), (0–2, 2–3 + pad), (2–3 + pad, 0–2), (2–3 + pad, 2–3 + pad).
      const sum = (rows: number[], cols: number[]) => rows.reduce((s, r) => s + cols.reduce((t, c) => t + x[r * 4 + c], 0), 0);
      const expected = [sum([0, 1, 2], [0, 1, 2]), sum([0, 1, 2], [2, 3]), sum([2, 3], [0, 1, 2]), sum([2, 3], [2, 3])].map((v) =>
        Math.min(Math.max(v + 0.5, 0), 6),
      );
      Array.from(y.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i]));
    } finally {
      await session.release();
    }
  });

  it('encodes integers over 2^31 and negative ones as protobuf varints', () => {
    const bytes = encodeOnnxModel({
      nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'], attributes: { big: 2 ** 40, neg: -1 } }],
      initializers: [],
      inputs: [{ name: 'x', dims: [1] }],
      outputs: [{ name: 'y', dims: [1] }],
    });
    const text = Buffer.from(bytes);
    // -1 is ten bytes: nine 0xff then 0x01.
    expect(text.includes(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(true);
    // 2^40: 0x80 ×5 then 0x20.
    expect(text.includes(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x20]))).toBe(true);
  });
});
