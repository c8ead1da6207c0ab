import { astronautFrame } from '../../test/frames';
import { CenterNetModel } from './centernet-model';
import { CenterNetOnnxModel } from './centernet-onnx-model';
import { encodeOnnxModel } from './onnx-proto';
import { halfToFloat, type TfGraph, type TfNode } from './tfjs-graph';
import { tfGraphToOnnx } from './tfjs-to-onnx';
import { objectInputLayout, toObjectInput } from './object-input';

describe('halfToFloat', () => {
  it.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x0001, 2 ** -24], // smallest subnormal
    [0x7bff, 65504], // largest normal
    [0x7c00, Infinity],
  ])('decodes 0x%s', (half, value) => {
    expect(halfToFloat(half)).toBe(value);
  });
});

/** A tiny graph: input → 1×1 conv (bias, ReLU) → unsupported op. */
function graph(lastOp: string): TfGraph {
  const node = (name: string, op: string, inputs: string[], attr: TfNode['attr'] = {}): [string, TfNode] => [name, { name, op, inputs, attr }];
  return {
    nodes: new Map([
      node('x', 'Placeholder', []),
      node('conv', '_FusedConv2D', ['x', 'w', 'b'], { fused_ops: ['BiasAdd', 'Relu'], strides: [1, 1, 1, 1], padding: 'SAME', data_format: 'NHWC' }),
      node('out', lastOp, ['conv']),
    ]),
    weights: new Map([
      ['w', { shape: [1, 1, 3, 2], data: Float32Array.of(1, 0, 0, 1, 0, 0) }],
      ['b', { shape: [2], data: Float32Array.of(0.5, -0.5) }],
    ]),
  };
}

describe('tfGraphToOnnx', () => {
  it('names the conversion failure: an unsupported operation and its node', () => {
    expect(() => tfGraphToOnnx(graph('Softplus'), 'x', { y: 'out' }, 'test')).toThrow('out: operation Softplus is not supported');
  });

  it('builds a model ONNX Runtime runs: NHWC in, conv + bias + ReLU, NHWC out', async () => {
    const onnx = tfGraphToOnnx(graph('Identity'), 'x', { y: 'out' }, 'test');
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(encodeOnnxModel(onnx));
    try {
      // 1 × 1 × 2 × 3 image: pixels (1, 2, 3) and (-4, 5, 6); outputs are (r + 0.5, g − 0.5) through ReLU
      const { y } = await session.run({ input: new ort.Tensor('float32', Float32Array.of(1, 2, 3, -4, 5, 6), [1, 1, 2, 3]) });
      expect(y.dims).toEqual([1, 1, 2, 2]);
      expect(Array.from(y.data as Float32Array)).toEqual([1.5, 1.5, 0, 4.5]);
    } finally {
      await session.release();
    }
  });
});

describe('CenterNet on ONNX Runtime', () => {
  it('gives the heads the tfjs graph gives, on a non-square input', async () => {
    const [onnx, tfjs] = await Promise.all([CenterNetOnnxModel.load(), CenterNetModel.load('wasm')]);
    try {
      const frame = astronautFrame();
      const layout = objectInputLayout(frame.width, frame.height - 100, 256); // 256 × 192 from the top of the picture
      const input = toObjectInput({ ...frame, height: frame.height - 100 }, layout);
      const [a, b] = [await onnx.infer(input, layout.width, layout.height), await tfjs.infer(input, layout.width, layout.height)];
      expect([a.gridWidth, a.gridHeight, a.classes]).toEqual([64, 48, 80]);
      expect([b.gridWidth, b.gridHeight, b.classes]).toEqual([64, 48, 80]);
      let heat = 0;
      let sizes = 0;
      for (let i = 0; i < a.heatmap.length; i++) heat = Math.max(heat, Math.abs(a.heatmap[i] - b.heatmap[i]));
      for (let i = 0; i < a.sizes.length; i++) sizes = Math.max(sizes, Math.abs(a.sizes[i] - b.sizes[i]));
      expect(heat).toBeLessThan(1e-3);
      expect(sizes).toBeLessThan(0.05); // input pixels
      expect(a.heatmap.reduce((m, v) => Math.max(m, v), 0)).toBeGreaterThan(0.3); // the astronaut: not an all-zero comparison
    } finally {
      await Promise.all([onnx.dispose(), tfjs.dispose()]);
    }
  }, 60_000);
});
