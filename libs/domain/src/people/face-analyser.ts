import type { BoundingBox } from '../alerts/bounding-box';
import type { Frame } from '../detection/face-detector';

/** An L2-normalised face embedding, tagged with the model (`name@version`) that computed it. */
export interface FaceEmbedding {
  model: string;
  vector: number[];
}

/** Why a face fails the quality gates: it is neither enrolled nor used for matching. */
export type FaceRejection = 'too-small' | 'too-blurred' | 'turned-away';

export interface FaceQuality {
  /** Face width in the frame's pixels. */
  size: number;
  /** Sharpness of the aligned crop (variance of the Laplacian; higher is sharper). */
  sharpness: number;
  /** Yaw estimated from the eye and nose keypoints, degrees (0: frontal). */
  yaw: number;
  /** 0–1 summary of size, sharpness, pose and detector score, to rank a track's crops. */
  score: number;
  /** Set when the face fails a gate. */
  rejection?: FaceRejection;
}

export interface AnalysedFace {
  /** In the frame's pixels. */
  box: BoundingBox;
  /** Detector confidence, 0–1. */
  score: number;
  quality: FaceQuality;
  /** Present when embedding was asked for and the face passed the quality gates. */
  embedding: FaceEmbedding | null;
}

export interface AnalyseOptions {
  /** Look only in these regions of the frame (e.g. the pipeline's face boxes); default: the whole frame. */
  regions?: BoundingBox[];
  /** Compute embeddings for faces that pass the gates (default true). */
  embed?: boolean;
}

/**
 * Finds faces, aligns each on its eyes, grades it and computes its embedding: what enrolment,
 * `POST /api/recognize` and the pipeline's identity step use. Implemented in libs/detection (run in
 * the worker pool).
 */
export interface FaceAnalyser {
  /** `name@version` of the embedding model; embeddings of another model are not comparable. */
  readonly model: string;
  /** Leaves `frame` as it is (an implementation that hands pixels to a worker sends a copy): callers still cut crops from it. */
  analyse(frame: Frame, options?: AnalyseOptions): Promise<AnalysedFace[]>;
}

/** Cosine similarity of two L2-normalised vectors (their dot product). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`embeddings of different lengths (${a.length} and ${b.length})`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}
