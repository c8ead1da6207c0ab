/**
 * Just enough of ONNX's protobuf schema (onnx.proto3: ModelProto, GraphProto, NodeProto, TensorProto,
 * AttributeProto, ValueInfoProto) to write a float model that ONNX Runtime loads. Field numbers are
 * those of the schema; everything is written, nothing is read.
 */

export interface OnnxAttribute {
  name: string;
  value: number | number[] | string;
  /** Numbers are INT (or INTS) unless marked float. */
  float?: boolean;
}

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: OnnxAttribute[];
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** FLOAT (1) or INT64 (7). */
  type: 'float32' | 'int64';
  data: Float32Array | BigInt64Array;
}

export interface OnnxValue {
  name: string;
  /** Dimensions; a string is a symbolic (free) dimension. */
  dims: Array<number | string>;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  opset: number;
  producer: string;
}

class Writer {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.push(Uint8Array.from(out));
  }

  tag(field: number, wire: 0 | 1 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): void {
    this.tag(field, 0);
    this.varint(value);
  }

  float(field: number, value: number): void {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
  }

  bytes(field: number, value: Uint8Array): void {
    this.tag(field, 2);
    this.varint(value.length);
    this.push(value);
  }

  string(field: number, value: string): void {
    this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (w: Writer) => void): void {
    const inner = new Writer();
    build(inner);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;
const DataType = { float32: 1, int64: 7 } as const;

function writeAttribute(w: Writer, a: OnnxAttribute): void {
  w.string(1, a.name);
  if (typeof a.value === 'string') {
    w.bytes(4, new TextEncoder().encode(a.value));
    w.int(20, AttributeType.STRING);
  } else if (Array.isArray(a.value)) {
    for (const v of a.value) {
      if (a.float) w.float(7, v);
      else w.int(8, v);
    }
    w.int(20, a.float ? AttributeType.FLOATS : AttributeType.INTS);
  } else if (a.float) {
    w.float(2, a.value);
    w.int(20, AttributeType.FLOAT);
  } else {
    w.int(3, a.value);
    w.int(20, AttributeType.INT);
  }
}

function writeNode(w: Writer, node: OnnxNode): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  if (node.name) w.string(3, node.name);
  w.string(4, node.op);
  for (const a of node.attributes ?? []) w.message(5, (m) => writeAttribute(m, a));
}

function writeTensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, DataType[t.type]);
  w.string(8, t.name);
  w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)); // raw_data, little-endian
}

function writeValue(w: Writer, v: OnnxValue): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, DataType.float32);
      tensor.message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

/** The serialised ModelProto (IR version 8), ready for `InferenceSession.create(bytes)`. */
export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  const model = new Writer();
  model.int(1, 8); // ir_version
  model.string(2, graph.producer);
  model.message(7, (g) => {
    for (const node of graph.nodes) g.message(1, (n) => writeNode(n, node));
    g.string(2, graph.name);
    for (const t of graph.initializers) g.message(5, (m) => writeTensor(m, t));
    for (const v of graph.inputs) g.message(11, (m) => writeValue(m, v));
    for (const v of graph.outputs) g.message(12, (m) => writeValue(m, v));
  });
  model.message(8, (op) => {
    op.string(1, '');
    op.int(2, graph.opset);
  });
  return model.finish();
}
