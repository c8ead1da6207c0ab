/**
 * A minimal ONNX model writer (protobuf wire format, only the fields Argus needs): enough to hand a
 * network whose weights ship in another format (tfjs) to ONNX Runtime as an in-memory model.
 * Field numbers are those of onnx.proto (IR version 7, opset 13).
 */

class Writer {
  private readonly chunks: Uint8Array[] = [];

  varint(value: number): this {
    let v = BigInt.asUintN(64, BigInt(Math.trunc(value)));
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v > 0n);
    this.chunks.push(Uint8Array.from(bytes));
    return this;
  }

  private key(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  int(field: number, value: number): this {
    return this.key(field, 0).varint(value);
  }

  float(field: number, value: number): this {
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    this.key(field, 5);
    this.chunks.push(buf);
    return this;
  }

  bytes(field: number, data: Uint8Array): this {
    this.key(field, 2).varint(data.length);
    this.chunks.push(data);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  packedInts(field: number, values: readonly number[]): this {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

export type AttributeValue = number | number[] | string | { float: number };

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

/** A float32 (or int64, for shapes) constant of the graph. */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** Graph inputs: float32, a dimension given as a string is symbolic (e.g. the batch). */
  inputs: Array<{ name: string; dims: Array<number | string> }>;
  outputs: Array<{ name: string; dims: Array<number | string> }>;
}

const FLOAT = 1;
const INT64 = 7;
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;

function attribute(w: Writer, name: string, value: AttributeValue): void {
  w.string(1, name);
  if (typeof value === 'number') w.int(3, value).int(20, ATTR_INT);
  else if (typeof value === 'string') w.string(4, value).int(20, ATTR_STRING);
  else if (Array.isArray(value)) w.packedInts(8, value).int(20, ATTR_INTS);
  else w.float(2, value.float).int(20, ATTR_FLOAT);
}

function valueInfo(w: Writer, name: string, dims: Array<number | string>): void {
  w.string(1, name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, FLOAT);
      tensor.message(2, (shape) => {
        for (const d of dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

/** Serialises a graph as an ONNX ModelProto that `InferenceSession.create(bytes)` accepts. */
export function encodeOnnxModel(graph: OnnxGraph, name = 'argus'): Uint8Array {
  const model = new Writer();
  model.int(1, 7); // ir_version
  model.string(2, 'argus');
  model.message(8, (opset) => opset.string(1, '').int(2, 13));
  model.message(7, (g) => {
    graph.nodes.forEach((node, i) =>
      g.message(1, (n) => {
        for (const input of node.inputs) n.string(1, input);
        for (const output of node.outputs) n.string(2, output);
        n.string(3, `${node.op}_${i}`);
        n.string(4, node.op);
        for (const [key, value] of Object.entries(node.attributes ?? {})) n.message(5, (a) => attribute(a, key, value));
      }),
    );
    g.string(2, name);
    for (const init of graph.initializers) {
      g.message(5, (t) => {
        t.packedInts(1, init.dims);
        t.int(2, init.data instanceof BigInt64Array ? INT64 : FLOAT);
        t.string(8, init.name);
        t.bytes(9, new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength));
      });
    }
    for (const input of graph.inputs) g.message(11, (v) => valueInfo(v, input.name, input.dims));
    for (const output of graph.outputs) g.message(12, (v) => valueInfo(v, output.name, output.dims));
  });
  return model.finish();
}
