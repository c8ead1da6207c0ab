import type { AlertRepository } from '../alerts/alert-repository';
import { iou, type BoundingBox } from '../alerts/bounding-box';
import type { AnalysedFace, FaceAnalyser, FaceEmbedding } from '../people/face-analyser';
import type { FaceImageStore } from '../people/face-image-store';
import type { FaceMatcher, PersonSimilarity } from '../people/face-matcher';
import type { IdentityCooldown } from '../people/identity-cooldown';
import { TRACK_CROPS_VOTED } from '../people/identity-vote';
import type { PersonRepository } from '../people/people-repositories';
import type { UnknownGrouper } from '../people/unknown-grouper';
import type { DecodedFrame } from './frame-decoder';

/**
 * What the camera pipeline needs to name faces: the analyser (run in the detection worker pool),
 * the enrolled faces (matcher), the unknown groups, the cross-camera identity cooldown, the people
 * (name, `alert` setting) and the alerts (to correct an identity once more crops are in).
 */
export interface PipelineRecognition {
  analyser: FaceAnalyser;
  matcher: FaceMatcher;
  grouper: UnknownGrouper;
  /** Where the clean face of each identified alert is kept (alertFaceCropKey). */
  crops: FaceImageStore;
  cooldown: IdentityCooldown;
  people: PersonRepository;
  alerts: AlertRepository;
}

/** Analyses per face track at most: its start and a few better crops, never every frame. */
export const TRACK_ANALYSES = TRACK_CROPS_VOTED;

/** A later crop is analysed only when its detection looks this much better (size × score) than the best analysed one. */
export const BETTER_CROP_FACTOR = 1.15;

/** One usable crop of a track: its quality, embedding and who it matched. */
export interface IdentifiedCrop {
  quality: number;
  embedding: FaceEmbedding;
  match: PersonSimilarity | null;
  frame: DecodedFrame;
  box: BoundingBox;
}

/** How promising a detection looks before analysis: bigger and surer faces first. */
export function cropPromise(box: BoundingBox & { score?: number }, score: number): number {
  return Math.sqrt(Math.max(0, box.width) * Math.max(0, box.height)) * score;
}

/**
 * Analyses one crop of a track: the face the analyser finds in the track's box (the one overlapping
 * it most). Null when there is none, or when it fails a quality gate (it is then not used).
 */
export async function analyseCrop(
  recognition: PipelineRecognition,
  frame: DecodedFrame,
  box: BoundingBox,
): Promise<IdentifiedCrop | null> {
  // The analyser leaves the frame as it is: it is still needed for the snapshot and the crop.
  const faces = await recognition.analyser.analyse(frame, { regions: [{ ...box }] });
  const face = mostOverlapping(faces, box);
  if (!face || face.quality.rejection || !face.embedding) return null;
  return { quality: face.quality.score, embedding: face.embedding, match: recognition.matcher.match(face.embedding), frame, box: { ...face.box } };
}

function mostOverlapping(faces: AnalysedFace[], box: BoundingBox): AnalysedFace | null {
  let best: AnalysedFace | null = null;
  let bestOverlap = -1;
  for (const face of faces) {
    const overlap = iou(face.box, box);
    if (overlap > bestOverlap) {
      best = face;
      bestOverlap = overlap;
    }
  }
  return best;
}
