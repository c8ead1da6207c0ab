import type { FaceBox } from '@argus/domain';
import { REGRESSORS_PER_ANCHOR, type RawDetections } from './blazeface-decoder';

/** A detection that has key points when they were asked for. */
export type MaybeKeypointFace = FaceBox & { keypoints?: number[] };

/**
 * One BlazeFace network on one runtime: a letterboxed square input (float NHWC in [-1, 1]) →
 * faces in model-input pixels, scores ≥ minScore, overlapping detections already suppressed.
 * With `withKeypoints` each face also has its six key points (same boxes and scores).
 */
export interface BlazeFaceModel {
  readonly name: string;
  readonly inputSize: number;
  detect(input: Float32Array, minScore: number, withKeypoints?: boolean): Promise<MaybeKeypointFace[]>;
  dispose(): Promise<void>;
}

/** One output tensor as read back from a runtime. */
export interface OutputTensor {
  dims: readonly number[];
  data: Float32Array;
}

/**
 * Both converted models have four outputs (classifiers and regressors of the fine and the coarse
 * head) whose names differ between converters; tell them apart by shape: [1, n, 1] are logits,
 * [1, n, 16] regressors, and the fine head (more anchors) comes first, as the anchors do.
 */
export function assembleHeads(outputs: OutputTensor[]): RawDetections {
  const { logits, regressors } = sortHeads(outputs);
  return { logits: concat(logits), regressors: concat(regressors) };
}

/** The four head outputs as [fine, coarse] logits and [fine, coarse] regressors. */
export function sortHeads<T extends { dims: readonly number[] }>(outputs: T[]): { logits: T[]; regressors: T[] } {
  const byAnchorsDesc = (a: T, b: T) => b.dims[1] - a.dims[1];
  const logits = outputs.filter((t) => t.dims[2] === 1).sort(byAnchorsDesc);
  const regressors = outputs.filter((t) => t.dims[2] === REGRESSORS_PER_ANCHOR).sort(byAnchorsDesc);
  if (logits.length !== 2 || regressors.length !== 2) {
    throw new Error(`unexpected BlazeFace outputs: ${outputs.map((t) => `[${t.dims.join(',')}]`).join(' ')}`);
  }
  return { logits, regressors };
}

function concat(parts: OutputTensor[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.data.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part.data, offset);
    offset += part.data.length;
  }
  return out;
}
