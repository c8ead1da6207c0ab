import type { OnnxGraph, OnnxNode, OnnxTensor } from './onnx-proto';
import type { TfGraph, TfNode, TfWeight } from './tfjs-graph';

/** Where each NHWC axis lands in NCHW. */
const NCHW_AXIS = [0, 2, 3, 1];

/**
 * Rewrites the part of a TensorFlow.js graph (NHWC) that computes `outputs` from `input` as an
 * ONNX graph (NCHW inside, NHWC at both ends): the ONNX input is N × H × W × 3 with free height and
 * width, and each output comes back transposed to NHWC under its own name. Only the operations a
 * MobileNet-style detector needs are known (convolutions with their fused bias and ReLU, depthwise
 * convolutions, element-wise arithmetic with scalars, ReLU6, sigmoid, spatial means, channel concat,
 * 2× bilinear up-sampling); anything else fails the conversion with the node's name.
 */
export function tfGraphToOnnx(graph: TfGraph, input: string, outputs: Record<string, string>, producer: string): OnnxGraph {
  const c = new Converter(graph);
  c.nodes.push({ op: 'Transpose', inputs: ['input'], outputs: [input], attributes: [{ name: 'perm', value: [0, 3, 1, 2] }] });
  for (const node of c.order(Object.values(outputs))) c.convert(node, input);
  for (const [name, tensor] of Object.entries(outputs)) {
    c.nodes.push({ op: 'Transpose', inputs: [tensor], outputs: [name], attributes: [{ name: 'perm', value: [0, 2, 3, 1] }] });
  }
  return {
    name: 'converted',
    producer,
    opset: 13,
    nodes: c.nodes,
    initializers: c.initializers,
    inputs: [{ name: 'input', dims: [1, 'height', 'width', 3] }],
    outputs: Object.keys(outputs).map((name) => ({ name, dims: [1, 'rows', 'cols', 'channels'] })),
  };
}

class Converter {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly named = new Set<string>();

  constructor(private readonly graph: TfGraph) {}

  /** The graph nodes the outputs depend on, each after its inputs. Weights are not nodes here. */
  order(outputs: string[]): TfNode[] {
    const done = new Set<string>();
    const sorted: TfNode[] = [];
    const visit = (name: string) => {
      const key = name.replace(/^\^/, '').replace(/:0$/, '');
      if (done.has(key) || this.graph.weights.has(key)) return;
      done.add(key);
      const node = this.graph.nodes.get(key);
      if (!node) throw new Error(`graph has no node ${key}`);
      node.inputs.forEach(visit);
      sorted.push(node);
    };
    outputs.forEach(visit);
    return sorted;
  }

  private weight(name: string): TfWeight {
    const w = this.graph.weights.get(name);
    if (!w) throw new Error(`${name} is not a constant`);
    return w;
  }

  private init(name: string, dims: number[], data: Float32Array | BigInt64Array): string {
    if (!this.named.has(name)) {
      this.named.add(name);
      this.initializers.push({ name, dims, type: data instanceof Float32Array ? 'float32' : 'int64', data });
    }
    return name;
  }

  private scalar(value: number): string {
    return this.init(`scalar_${value}`, [], Float32Array.of(value));
  }

  /** An operand: a tensor computed by the graph, or a scalar constant. */
  private operand(name: string): string {
    const w = this.graph.weights.get(name);
    if (!w) return name;
    if (w.data.length !== 1) throw new Error(`constant ${name} of shape [${w.shape}] is not supported as an operand`);
    return this.init(name, [], Float32Array.of(w.data[0]));
  }

  convert(node: TfNode, input: string): void {
    const { op, name, inputs } = node;
    const emit = (type: string, ins: string[], attributes: OnnxNode['attributes'] = [], out = name) => this.nodes.push({ op: type, inputs: ins, outputs: [out], name: out, attributes });
    switch (op) {
      case 'Placeholder':
        if (name !== input) throw new Error(`unexpected graph input ${name}`);
        return;
      case 'Identity':
        return void emit('Identity', [inputs[0]]);
      case 'Relu':
      case 'Sigmoid':
        return void emit(op, [inputs[0]]);
      case 'Relu6':
        return void emit('Clip', [inputs[0], this.scalar(0), this.scalar(6)]);
      case 'Add':
      case 'AddV2':
      case 'Sub':
      case 'Mul':
        return void emit(op === 'AddV2' ? 'Add' : op, inputs.map((i) => this.operand(i)));
      case 'Mean': {
        const axes = Array.from(this.weight(inputs[1]).data, (a) => NCHW_AXIS[a]);
        return void emit('ReduceMean', [inputs[0]], [{ name: 'axes', value: axes }, { name: 'keepdims', value: node.attr['keep_dims'] ? 1 : 0 }]);
      }
      case 'ConcatV2': {
        const axis = this.weight(inputs[inputs.length - 1]).data[0];
        return void emit('Concat', inputs.slice(0, -1), [{ name: 'axis', value: NCHW_AXIS[axis] }]);
      }
      case 'ResizeBilinear': {
        if (node.attr['align_corners'] || node.attr['half_pixel_centers']) throw new Error(`${name}: only asymmetric resizing is supported`);
        const scales = this.init('scales_2x', [4], Float32Array.of(1, 1, 2, 2));
        const attributes = [
          { name: 'mode', value: 'linear' },
          { name: 'coordinate_transformation_mode', value: 'asymmetric' },
        ];
        return void emit('Resize', [inputs[0], '', scales], attributes);
      }
      case 'Conv2D':
      case '_FusedConv2D':
      case 'DepthwiseConv2dNative':
      case 'FusedDepthwiseConv2dNative':
        return this.convolution(node);
      default:
        throw new Error(`${name}: operation ${op} is not supported`);
    }
  }

  private convolution(node: TfNode): void {
    const { name, op, inputs, attr } = node;
    if (attr['data_format'] !== undefined && attr['data_format'] !== 'NHWC') throw new Error(`${name}: only NHWC is supported`);
    const depthwise = op.includes('Depthwise');
    const filter = this.weight(inputs[1]);
    const [kh, kw, channelsIn, perChannel] = filter.shape;
    const weights = depthwise ? depthwiseToOnnx(filter) : hwioToOihw(filter);
    const weightName = this.init(`${inputs[1]}_onnx`, depthwise ? [channelsIn * perChannel, 1, kh, kw] : [perChannel, channelsIn, kh, kw], weights);
    const fused = (attr['fused_ops'] as string[] | undefined) ?? [];
    const ins = [inputs[0], weightName];
    if (fused[0] === 'BiasAdd') ins.push(this.init(inputs[2], [this.weight(inputs[2]).data.length], Float32Array.from(this.weight(inputs[2]).data)));
    else if (fused.length > 0) throw new Error(`${name}: fused ${fused.join('+')} is not supported`);
    const strides = (attr['strides'] as number[]).slice(1, 3);
    const dilations = ((attr['dilations'] as number[] | undefined) ?? [1, 1, 1, 1]).slice(1, 3);
    const attributes = [
      { name: 'kernel_shape', value: [kh, kw] },
      { name: 'strides', value: strides },
      { name: 'dilations', value: dilations },
      { name: 'auto_pad', value: attr['padding'] === 'SAME' ? 'SAME_UPPER' : 'VALID' },
      { name: 'group', value: depthwise ? channelsIn : 1 },
    ];
    const activation = fused[1];
    const convOut = activation ? `${name}_conv` : name;
    this.nodes.push({ op: 'Conv', inputs: ins, outputs: [convOut], name: convOut, attributes });
    if (activation === 'Relu') this.nodes.push({ op: 'Relu', inputs: [convOut], outputs: [name], name });
    else if (activation === 'Relu6') this.nodes.push({ op: 'Clip', inputs: [convOut, this.scalar(0), this.scalar(6)], outputs: [name], name });
    else if (activation) throw new Error(`${name}: fused ${activation} is not supported`);
  }
}

/** Conv2D filter [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
function hwioToOihw(w: TfWeight): Float32Array {
  const [kh, kw, ci, co] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let c = 0; c < ci; c++) for (let o = 0; o < co; o++) {
    out[((o * ci + c) * kh + i) * kw + j] = w.data[((i * kw + j) * ci + c) * co + o];
  }
  return out;
}

/** Depthwise filter [kh, kw, channels, multiplier] → ONNX grouped [channels × multiplier, 1, kh, kw]. */
function depthwiseToOnnx(w: TfWeight): Float32Array {
  const [kh, kw, ch, m] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let c = 0; c < ch; c++) for (let k = 0; k < m; k++) {
    out[((c * m + k) * kh + i) * kw + j] = w.data[((i * kw + j) * ch + c) * m + k];
  }
  return out;
}
