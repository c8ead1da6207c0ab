import { iou, type Region } from '@argus/detection';

/** IoU a detection needs with a ground-truth object of its label to count as found (AP50). */
export const AP_IOU = 0.5;
/** Ground-truth objects smaller than this area (COCO's "small": under 32 × 32 px) are ignored. */
export const MIN_OBJECT_AREA = 32 * 32;

export interface TruthObject extends Region {
  label: string;
}

export interface DetectedObject extends Region {
  label: string;
  score: number;
}

/** One image: its ground truth and everything the detector returned for it (any score). */
export interface ScoredImage {
  truth: readonly TruthObject[];
  detections: readonly DetectedObject[];
}

/** One detection after matching: found an object (TP), found nothing (FP); ignored ones are left out. */
interface Ranked {
  score: number;
  hit: boolean;
}

export interface LabelResult {
  label: string;
  /** Ground-truth objects that count (not ignored). */
  objects: number;
  /** Average precision at IoU 0.5, or null when the set has no object of this label that counts. */
  ap: number | null;
  /** Detections that counted (TP + FP), at any score. */
  detections: number;
}

export const isIgnored = (object: Region, minArea = MIN_OBJECT_AREA): boolean => object.width * object.height < minArea;

/**
 * COCO's per-image matching for one label: detections best score first, each takes the unmatched
 * ground-truth object it overlaps most (IoU ≥ 0.5), counted objects before ignored ones. A detection
 * on an ignored object is neither a true nor a false positive; one that matches nothing is false.
 */
export function matchLabel(
  truth: readonly Region[],
  detections: readonly (Region & { score: number })[],
  minIou = AP_IOU,
  minArea = MIN_OBJECT_AREA,
): Ranked[] {
  const counted = truth.filter((t) => !isIgnored(t, minArea));
  const ignored = truth.filter((t) => isIgnored(t, minArea));
  const taken = new Set<Region>();
  const ranked: Ranked[] = [];
  for (const detection of [...detections].sort((a, b) => b.score - a.score)) {
    const hit = bestFree(detection, counted, taken, minIou);
    if (hit) {
      taken.add(hit);
      ranked.push({ score: detection.score, hit: true });
      continue;
    }
    const ignoredHit = bestFree(detection, ignored, taken, minIou);
    if (ignoredHit) taken.add(ignoredHit);
    else ranked.push({ score: detection.score, hit: false });
  }
  return ranked;
}

function bestFree(detection: Region, candidates: readonly Region[], taken: ReadonlySet<Region>, minIou: number): Region | undefined {
  let best: Region | undefined;
  let bestIou = minIou;
  for (const candidate of candidates) {
    if (taken.has(candidate)) continue;
    const overlap = iou(detection, candidate);
    if (overlap >= bestIou) {
      best = candidate;
      bestIou = overlap;
    }
  }
  return best;
}

/**
 * All-point interpolated average precision: the area under the precision/recall curve after each
 * precision is raised to the best precision at any higher recall (the curve COCO and VOC 2010+ use;
 * COCO then samples it at 101 recall points, this takes every point).
 */
export function averagePrecision(ranked: readonly Ranked[], objects: number): number | null {
  if (objects === 0) return null;
  const sorted = [...ranked].sort((a, b) => b.score - a.score);
  const recall: number[] = [];
  const precision: number[] = [];
  let tp = 0;
  sorted.forEach((r, i) => {
    if (r.hit) tp++;
    recall.push(tp / objects);
    precision.push(tp / (i + 1));
  });
  for (let i = precision.length - 2; i >= 0; i--) precision[i] = Math.max(precision[i], precision[i + 1]);
  let ap = 0;
  let previousRecall = 0;
  for (let i = 0; i < sorted.length; i++) {
    ap += (recall[i] - previousRecall) * precision[i];
    previousRecall = recall[i];
  }
  return ap;
}

/** AP50 for every label that has ground truth or detections in the set, sorted by label. */
export function apPerLabel(images: readonly ScoredImage[], minIou = AP_IOU, minArea = MIN_OBJECT_AREA): LabelResult[] {
  const labels = new Set<string>();
  for (const image of images) {
    for (const t of image.truth) labels.add(t.label);
    for (const d of image.detections) labels.add(d.label);
  }
  return [...labels].sort().map((label) => {
    let objects = 0;
    const ranked: Ranked[] = [];
    for (const image of images) {
      const truth = image.truth.filter((t) => t.label === label);
      objects += truth.filter((t) => !isIgnored(t, minArea)).length;
      ranked.push(...matchLabel(truth, image.detections.filter((d) => d.label === label), minIou, minArea));
    }
    return { label, objects, ap: averagePrecision(ranked, objects), detections: ranked.length };
  });
}

/** Mean AP over the labels the set has (at least one counted object); labels only detected are left out. */
export function meanAp(results: readonly LabelResult[]): number {
  const present = results.filter((r): r is LabelResult & { ap: number } => r.ap !== null);
  return present.length === 0 ? 0 : present.reduce((sum, r) => sum + r.ap, 0) / present.length;
}

export interface OperatingPoint {
  minScore: number;
  /** Over all labels: found objects / objects that count. */
  recall: number;
  /** Over all labels: true positives / counted detections. */
  precision: number;
  /** False positives per image. */
  fpPerImage: number;
}

/** Recall and precision of the detections at or above `minScore` (what the live pipeline would report). */
export function operatingPoint(images: readonly ScoredImage[], minScore: number, minIou = AP_IOU, minArea = MIN_OBJECT_AREA): OperatingPoint {
  let objects = 0;
  let tp = 0;
  let fp = 0;
  for (const image of images) {
    const labels = new Set([...image.truth.map((t) => t.label), ...image.detections.map((d) => d.label)]);
    for (const label of labels) {
      const truth = image.truth.filter((t) => t.label === label);
      objects += truth.filter((t) => !isIgnored(t, minArea)).length;
      const kept = image.detections.filter((d) => d.label === label && d.score >= minScore);
      for (const r of matchLabel(truth, kept, minIou, minArea)) {
        if (r.hit) tp++;
        else fp++;
      }
    }
  }
  return {
    minScore,
    recall: objects === 0 ? 0 : tp / objects,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    fpPerImage: images.length === 0 ? 0 : fp / images.length,
  };
}
