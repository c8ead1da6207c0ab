import { readFileSync } from 'node:fs';

/** One node of a TensorFlow.js graph model, its attributes decoded to plain values. */
export interface TfNode {
  name: string;
  op: string;
  inputs: string[];
  attr: Record<string, string | number | boolean | string[] | number[]>;
}

/** A weight of the graph, dequantised. */
export interface TfWeight {
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface TfGraph {
  nodes: Map<string, TfNode>;
  weights: Map<string, TfWeight>;
}

interface RawAttr {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { s?: string[]; i?: string[]; f?: number[] };
}

interface RawModel {
  modelTopology: { node: Array<{ name: string; op: string; input?: string[]; attr?: Record<string, RawAttr> }> };
  weightsManifest: Array<{ weights: Array<{ name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }> }>;
}

const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function decodeAttr(a: RawAttr): TfNode['attr'][string] {
  if (a.list) {
    if (a.list.s) return a.list.s.map(text);
    if (a.list.i) return a.list.i.map(Number);
    return a.list.f ?? [];
  }
  if (a.s !== undefined) return text(a.s);
  if (a.i !== undefined) return Number(a.i);
  if (a.f !== undefined) return a.f;
  if (a.b !== undefined) return a.b;
  return a.type ?? '';
}

/** IEEE 754 half → single precision. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Reads a graph model (JSON + one weights file): float32 (possibly stored as float16) and int32 weights. */
export function readTfGraph(jsonPath: string, weightsPath: string): TfGraph {
  const raw = JSON.parse(readFileSync(jsonPath, 'utf8')) as RawModel;
  const bytes = readFileSync(weightsPath);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Map<string, TfWeight>();
  let offset = 0;
  for (const spec of raw.weightsManifest.flatMap((g) => g.weights)) {
    const count = spec.shape.reduce((n, d) => n * d, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    if (spec.dtype === 'float32' && stored === 'float16') {
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(offset + i * 2, true));
      weights.set(spec.name, { shape: spec.shape, data });
      offset += count * 2;
    } else if ((spec.dtype === 'float32' || spec.dtype === 'int32') && stored === spec.dtype) {
      const data = spec.dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
      for (let i = 0; i < count; i++) data[i] = spec.dtype === 'float32' ? view.getFloat32(offset + i * 4, true) : view.getInt32(offset + i * 4, true);
      weights.set(spec.name, { shape: spec.shape, data });
      offset += count * 4;
    } else {
      throw new Error(`${jsonPath}: weight ${spec.name} is ${spec.dtype} stored as ${stored}, not supported`);
    }
  }
  if (offset !== bytes.byteLength) throw new Error(`${weightsPath}: ${bytes.byteLength} bytes, the manifest describes ${offset}`);
  const nodes = new Map<string, TfNode>();
  for (const n of raw.modelTopology.node) {
    const attr: TfNode['attr'] = {};
    for (const [key, value] of Object.entries(n.attr ?? {})) attr[key] = decodeAttr(value);
    nodes.set(n.name, { name: n.name, op: n.op, inputs: n.input ?? [], attr });
  }
  return { nodes, weights };
}
