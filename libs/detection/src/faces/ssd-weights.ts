import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of a tfjs weights manifest. */
export interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number };
}

export interface WeightsManifest {
  paths: string[];
  weights: ManifestWeight[];
}

export interface DecodedWeight {
  shape: number[];
  data: Float32Array;
}

const BYTES: Record<string, number> = { uint8: 1, uint16: 2, float32: 4, int32: 4 };

/**
 * Decodes a tfjs weights manifest's binary (face-api ships its networks this way), dequantising
 * uint8/uint16 weights (value = min + scale × q). Every weight is returned as float32.
 */
export function decodeWeights(manifest: WeightsManifest[], readPath: (path: string) => Uint8Array): Map<string, DecodedWeight> {
  const out = new Map<string, DecodedWeight>();
  for (const group of manifest) {
    const buffers = group.paths.map(readPath);
    const total = buffers.reduce((n, b) => n + b.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const b of buffers) {
      bytes.set(b, at);
      at += b.length;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    for (const w of group.weights) {
      const count = w.shape.reduce((n, d) => n * d, 1);
      const q = w.quantization;
      if (q && q.dtype === 'float16') throw new Error(`${w.name}: float16 weights are not supported`);
      const size = BYTES[q?.dtype ?? w.dtype];
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) {
        const p = offset + i * size;
        if (q?.dtype === 'uint8') data[i] = (q.min ?? 0) + (q.scale ?? 1) * view.getUint8(p);
        else if (q?.dtype === 'uint16') data[i] = (q.min ?? 0) + (q.scale ?? 1) * view.getUint16(p, true);
        else if (w.dtype === 'int32') data[i] = view.getInt32(p, true);
        else data[i] = view.getFloat32(p, true);
      }
      out.set(w.name, { shape: w.shape, data });
      offset += count * size;
    }
    if (offset !== total) throw new Error(`weights manifest describes ${offset} bytes, files hold ${total}`);
  }
  return out;
}

/** Reads a manifest and its binary files from a folder. */
export function readWeightsFromDisk(dir: string, manifestFile: string): Map<string, DecodedWeight> {
  const manifest = JSON.parse(readFileSync(join(dir, manifestFile), 'utf8')) as WeightsManifest[];
  return decodeWeights(manifest, (path) => new Uint8Array(readFileSync(join(dir, path))));
}
