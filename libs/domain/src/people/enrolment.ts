import { iou, type BoundingBox } from '../alerts/bounding-box';
import { UnprocessableError } from '../shared/errors';
import type { AnalysedFace, FaceEmbedding } from './face-analyser';

/** The main face of a photo must be at least this many times the area of the next largest. */
export const MAIN_FACE_AREA_RATIO = 2;

const REJECTION_MESSAGES = {
  'too-small': 'The face is too small to enrol; use a closer or larger photo',
  'too-blurred': 'The face is too blurred to enrol; use a sharper photo',
  'turned-away': 'The face is turned away; use a photo where the person faces the camera',
} as const;

export interface EnrollableFace {
  face: AnalysedFace;
  embedding: FaceEmbedding;
}

/**
 * The one face a photo enrols: the only face, or the largest when it is clearly the main one (at
 * least MAIN_FACE_AREA_RATIO times the next), so small faces in the background do not stop a
 * portrait. Throws UnprocessableError saying why a photo enrols nothing.
 */
export function pickMainFace(faces: AnalysedFace[]): EnrollableFace {
  if (faces.length === 0) throw new UnprocessableError('No face found in the image');
  const bySize = [...faces].sort((a, b) => area(b.box) - area(a.box));
  const [main, next] = bySize;
  if (next && area(main.box) < MAIN_FACE_AREA_RATIO * area(next.box)) {
    throw new UnprocessableError(
      `Found ${faces.length} faces and none is clearly the main one; use a photo where this person's face is the largest`,
    );
  }
  return usable(main);
}

/** The face of an alert: the analysed face overlapping the alert's box the most. */
export function pickFaceAt(faces: AnalysedFace[], box: BoundingBox): EnrollableFace {
  let best: AnalysedFace | null = null;
  let bestOverlap = 0;
  for (const face of faces) {
    const overlap = iou(face.box, box);
    if (overlap > bestOverlap) {
      best = face;
      bestOverlap = overlap;
    }
  }
  if (!best) throw new UnprocessableError("No face found in the alert's snapshot");
  return usable(best);
}

/**
 * The face of a crop cut around one face (a kept alert face): the one whose box holds the crop's
 * centre, the largest of those (a neighbour at the crop's edge is never taken for it); null if none.
 */
export function centralFace(faces: AnalysedFace[], frame: { width: number; height: number }): AnalysedFace | null {
  const cx = frame.width / 2;
  const cy = frame.height / 2;
  const central = faces.filter((f) => f.box.x <= cx && cx <= f.box.x + f.box.width && f.box.y <= cy && cy <= f.box.y + f.box.height);
  return central.length === 0 ? null : central.reduce((a, b) => (area(b.box) > area(a.box) ? b : a));
}

/** A face that passed the quality gates and has an embedding; UnprocessableError otherwise. */
export function usable(face: AnalysedFace): EnrollableFace {
  if (face.quality.rejection) throw new UnprocessableError(REJECTION_MESSAGES[face.quality.rejection]);
  if (!face.embedding) throw new UnprocessableError('The face could not be read for recognition; use another photo');
  return { face, embedding: face.embedding };
}

function area(box: BoundingBox): number {
  return Math.max(0, box.width) * Math.max(0, box.height);
}
