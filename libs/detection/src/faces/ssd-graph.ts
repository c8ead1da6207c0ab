import type { OnnxGraph, OnnxInitializer, OnnxNode } from './onnx-writer';
import type { DecodedWeight } from './ssd-weights';

/** TensorFlow's batch-norm epsilon in face-api's MobileNet-v1. */
const BN_EPSILON = 0.0010000000474974513;

/** Depthwise layers of MobileNet-v1 that halve the resolution (1-based, as face-api numbers them). */
const STRIDE_2 = [2, 4, 6, 12];

/** TF filter [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
export function hwioToOihw(w: DecodedWeight): DecodedWeight {
  const [kh, kw, cin, cout] = w.shape;
  const data = new Float32Array(w.data.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) data[((o * cin + i) * kh + y) * kw + x] = w.data[((y * kw + x) * cin + i) * cout + o];
  return { shape: [cout, cin, kh, kw], data };
}

/**
 * face-api's SSD MobileNet-v1 face detector (weights of @vladmandic/face-api) as an ONNX graph:
 * the same layers face-api runs on tfjs (MobileNet-v1, the SSD prediction layers, six box
 * predictors), the depthwise batch norms folded into their convolutions. Input `input`
 * [N, H, W, 3] in [-1, 1]; outputs `encodings` [N, anchors, 4] (box offsets, decoded against the
 * priors outside) and `scores` [N, anchors] (face probability).
 */
export function ssdMobilenetGraph(weights: Map<string, DecodedWeight>): OnnxGraph {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  const get = (name: string): DecodedWeight => {
    const w = weights.get(name);
    if (!w) throw new Error(`SSD weights: ${name} missing`);
    return w;
  };
  const constant = (name: string, dims: number[], data: Float32Array | BigInt64Array): string => {
    initializers.push({ name, dims, data });
    return name;
  };
  const clipMin = constant('clip_min', [], Float32Array.of(0));
  const clipMax = constant('clip_max', [], Float32Array.of(6));
  let counter = 0;
  const tmp = (label: string) => `${label}_${counter++}`;

  const conv = (input: string, prefix: string, filter: DecodedWeight, bias: Float32Array, stride: number, group = 1): string => {
    const f = constant(`${prefix}/W`, filter.shape, filter.data);
    const b = constant(`${prefix}/B`, [bias.length], bias);
    const out = tmp(prefix);
    nodes.push({
      op: 'Conv',
      inputs: [input, f, b],
      outputs: [out],
      attributes: { auto_pad: 'SAME_UPPER', strides: [stride, stride], group, kernel_shape: filter.shape.slice(2) },
    });
    return out;
  };
  const relu6 = (input: string): string => {
    const out = tmp('relu6');
    nodes.push({ op: 'Clip', inputs: [input, clipMin, clipMax], outputs: [out] });
    return out;
  };
  /** conv2d 'same' + batch_norm_offset + relu6 (face-api's pointwise layers). */
  const pointwise = (input: string, tfName: string, stride: number): string =>
    relu6(conv(input, tfName, hwioToOihw(get(`${tfName}/weights`)), get(`${tfName}/convolution_bn_offset`).data, stride));
  const depthwise = (input: string, layer: number): string => {
    const p = `MobilenetV1/Conv2d_${layer}_depthwise`;
    const w = get(`${p}/depthwise_weights`); // [3, 3, C, 1]
    const [kh, kw, channels] = w.shape;
    const gamma = get(`${p}/BatchNorm/gamma`).data;
    const beta = get(`${p}/BatchNorm/beta`).data;
    const mean = get(`${p}/BatchNorm/moving_mean`).data;
    const variance = get(`${p}/BatchNorm/moving_variance`).data;
    const filter = new Float32Array(channels * kh * kw);
    const bias = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      const k = gamma[c] / Math.sqrt(variance[c] + BN_EPSILON);
      bias[c] = beta[c] - mean[c] * k;
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) filter[(c * kh + y) * kw + x] = w.data[(y * kw + x) * channels + c] * k;
    }
    const stride = STRIDE_2.includes(layer) ? 2 : 1;
    return relu6(conv(input, p, { shape: [channels, 1, kh, kw], data: filter }, bias, stride, channels));
  };

  // NHWC in (the layout the shared letterbox sampler writes), NCHW inside
  nodes.push({ op: 'Transpose', inputs: ['input'], outputs: ['input_nchw'], attributes: { perm: [0, 3, 1, 2] } });
  // MobileNet-v1
  let x = pointwise('input_nchw', 'MobilenetV1/Conv2d_0_pointwise', 2);
  let conv11 = '';
  for (let layer = 1; layer <= 13; layer++) {
    x = pointwise(depthwise(x, layer), `MobilenetV1/Conv2d_${layer}_pointwise`, 1);
    if (layer === 11) conv11 = x;
  }
  // SSD extra layers
  const p0 = pointwise(x, 'Prediction/Conv2d_0_pointwise', 1);
  const p1 = pointwise(p0, 'Prediction/Conv2d_1_pointwise', 2);
  const p2 = pointwise(p1, 'Prediction/Conv2d_2_pointwise', 1);
  const p3 = pointwise(p2, 'Prediction/Conv2d_3_pointwise', 2);
  const p4 = pointwise(p3, 'Prediction/Conv2d_4_pointwise', 1);
  const p5 = pointwise(p4, 'Prediction/Conv2d_5_pointwise', 2);
  const p6 = pointwise(p5, 'Prediction/Conv2d_6_pointwise', 1);
  const p7 = pointwise(p6, 'Prediction/Conv2d_7_pointwise', 2);

  const shape = (name: string, dims: number[]) => constant(name, [dims.length], BigInt64Array.from(dims.map(BigInt)));
  const perm = [0, 2, 3, 1];
  const boxShape = shape('box_shape', [0, -1, 4]);
  const classShape = shape('class_shape', [0, -1, 3]);
  const predictor = (input: string, index: number, kind: 'BoxEncodingPredictor' | 'ClassPredictor') => {
    const p = `Prediction/BoxPredictor_${index}/${kind}`;
    const out = conv(input, p, hwioToOihw(get(`${p}/weights`)), get(`${p}/biases`).data, 1);
    const nhwc = tmp('nhwc');
    nodes.push({ op: 'Transpose', inputs: [out], outputs: [nhwc], attributes: { perm } });
    const flat = tmp('flat');
    nodes.push({ op: 'Reshape', inputs: [nhwc, kind === 'ClassPredictor' ? classShape : boxShape], outputs: [flat] });
    return flat;
  };
  const sources = [conv11, x, p1, p3, p5, p7];
  const encodings = sources.map((s, i) => predictor(s, i, 'BoxEncodingPredictor'));
  const classes = sources.map((s, i) => predictor(s, i, 'ClassPredictor'));
  nodes.push({ op: 'Concat', inputs: encodings, outputs: ['encodings'], attributes: { axis: 1 } });
  nodes.push({ op: 'Concat', inputs: classes, outputs: ['classes'], attributes: { axis: 1 } });
  const starts = shape('face_start', [1]);
  const ends = shape('face_end', [2]);
  const axes = shape('face_axis', [2]);
  nodes.push({ op: 'Slice', inputs: ['classes', starts, ends, axes], outputs: ['face_logit'] });
  nodes.push({ op: 'Sigmoid', inputs: ['face_logit'], outputs: ['face_prob'] });
  nodes.push({ op: 'Reshape', inputs: ['face_prob', shape('score_shape', [0, -1])], outputs: ['scores'] });
  return {
    nodes,
    initializers,
    inputs: [{ name: 'input', dims: ['batch', 'height', 'width', 3] }],
    outputs: [
      { name: 'encodings', dims: ['batch', 'anchors', 4] },
      { name: 'scores', dims: ['batch', 'anchors'] },
    ],
  };
}
