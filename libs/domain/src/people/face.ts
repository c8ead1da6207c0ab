import type { BoundingBox } from '../alerts/bounding-box';
import type { FaceEmbedding } from './face-analyser';

/** One enrolled face of a person: the stored crop and its embeddings (one per model that computed it). */
export interface Face {
  id: string;
  personId: string;
  /** Where the face was in the image it came from, in that image's pixels. */
  box: BoundingBox;
  /** FaceQuality.score when enrolled, 0–1. */
  quality: number;
  /** Key of the aligned face crop (JPEG) in the media store: embeddings are re-computed from it when the model changes. */
  imageKey: string;
  embeddings: FaceEmbedding[];
  /** The alert it was enrolled from, if any. */
  sourceAlertId: string | null;
  createdAt: Date;
}

export interface FaceView {
  id: string;
  personId: string;
  box: BoundingBox;
  quality: number;
  imageUrl: string;
  createdAt: string;
}
