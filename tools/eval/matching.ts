import type { FaceBox } from '@argus/domain';
import { iou, type Region } from '@argus/detection';

export const MATCH_IOU = 0.4;
/** Faces at least minFace but shorter than this are "small" (their recall is reported apart). */
export const SMALL_FACE = 48;

export interface ImageCounts {
  /** Ground-truth faces tall enough to count. */
  faces: number;
  truePositives: number;
  falsePositives: number;
  /** Of the above, faces shorter than SMALL_FACE, and how many of them were found. */
  smallFaces: number;
  smallTruePositives: number;
}

/**
 * Matches detections to ground truth, best score first (each face matched once, IoU ≥ 0.4).
 * Ground-truth faces and detections shorter than `minFace` are "don't care": a detection on a
 * small face is neither a hit nor a false alarm, and a small detection is ignored.
 */
export function matchImage(truth: readonly Region[], detections: readonly FaceBox[], minFace: number, minIou = MATCH_IOU): ImageCounts {
  const cared = truth.filter((t) => t.height >= minFace);
  const ignored = truth.filter((t) => t.height < minFace);
  const matched = new Set<Region>();
  let truePositives = 0;
  let smallTruePositives = 0;
  let falsePositives = 0;
  const ranked = detections.filter((d) => d.height >= minFace).sort((a, b) => b.score - a.score);
  for (const detection of ranked) {
    const hit = bestMatch(detection, cared.filter((t) => !matched.has(t)), minIou);
    if (hit) {
      matched.add(hit);
      truePositives++;
      if (hit.height < SMALL_FACE) smallTruePositives++;
    } else if (!bestMatch(detection, ignored, minIou)) {
      falsePositives++;
    }
  }
  const smallFaces = cared.filter((t) => t.height < SMALL_FACE).length;
  return { faces: cared.length, truePositives, falsePositives, smallFaces, smallTruePositives };
}

function bestMatch(detection: Region, candidates: readonly Region[], minIou: number): Region | undefined {
  let best: Region | undefined;
  let bestIou = minIou;
  for (const candidate of candidates) {
    const overlap = iou(detection, candidate);
    if (overlap >= bestIou) {
      best = candidate;
      bestIou = overlap;
    }
  }
  return best;
}

/** Detections on a face-free image that count as false alarms (same size rule as above). */
export function negativeFalsePositives(detections: readonly FaceBox[], minFace: number): number {
  return detections.filter((d) => d.height >= minFace).length;
}

export interface Summary {
  recall: number;
  /** Recall of the faces shorter than SMALL_FACE. */
  smallRecall: number;
  precision: number;
  fpPerNegative: number;
  fpPerHardNegative: number;
}

export function summarise(images: ImageCounts[], negatives: Array<{ hard: boolean; falsePositives: number }>): Summary {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const faces = sum(images.map((i) => i.faces));
  const tp = sum(images.map((i) => i.truePositives));
  const small = sum(images.map((i) => i.smallFaces));
  const smallTp = sum(images.map((i) => i.smallTruePositives));
  const fp = sum(images.map((i) => i.falsePositives));
  const hard = negatives.filter((n) => n.hard);
  return {
    recall: faces > 0 ? tp / faces : NaN,
    smallRecall: small > 0 ? smallTp / small : NaN,
    precision: tp + fp > 0 ? tp / (tp + fp) : NaN,
    fpPerNegative: negatives.length > 0 ? sum(negatives.map((n) => n.falsePositives)) / negatives.length : NaN,
    fpPerHardNegative: hard.length > 0 ? sum(hard.map((n) => n.falsePositives)) / hard.length : NaN,
  };
}
