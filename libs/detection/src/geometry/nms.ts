import type { FaceBox } from '@argus/domain';
import { iou } from './region';

export interface NmsOptions {
  /** Boxes overlapping a kept box by more than this IoU are merged into it. */
  iouThreshold: number;
  maxFaces: number;
  /**
   * Replace each kept box by the score-weighted mean of the boxes it suppresses (MediaPipe's
   * "weighted" NMS). BlazeFace fires on several neighbouring anchors per face; averaging them
   * gives steadier boxes from frame to frame than keeping the single best anchor.
   */
  blend: boolean;
}

export const DEFAULT_NMS: NmsOptions = { iouThreshold: 0.3, maxFaces: 100, blend: true };

/** Greedy non-max suppression, highest score first. The input array is not modified. */
export function nonMaxSuppression<T extends FaceBox>(boxes: readonly T[], options: NmsOptions = DEFAULT_NMS): T[] {
  const remaining = [...boxes].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  while (remaining.length > 0 && kept.length < options.maxFaces) {
    const best = remaining[0];
    const cluster: T[] = [];
    const rest: T[] = [];
    for (const box of remaining) {
      if (box === best || iou(best, box) > options.iouThreshold) cluster.push(box);
      else rest.push(box);
    }
    kept.push(options.blend ? blendCluster(best, cluster) : best);
    remaining.splice(0, remaining.length, ...rest);
  }
  return kept;
}

/** Key points (when the boxes carry them) are averaged with the same weights as the corners. */
function blendCluster<T extends FaceBox & { keypoints?: number[] }>(best: T, cluster: T[]): T {
  let total = 0;
  let x1 = 0;
  let y1 = 0;
  let x2 = 0;
  let y2 = 0;
  for (const box of cluster) {
    total += box.score;
    x1 += box.x * box.score;
    y1 += box.y * box.score;
    x2 += (box.x + box.width) * box.score;
    y2 += (box.y + box.height) * box.score;
  }
  if (total <= 0) return best;
  const blended = { ...best, x: x1 / total, y: y1 / total, width: (x2 - x1) / total, height: (y2 - y1) / total, score: best.score };
  if (best.keypoints) blended.keypoints = blendKeypoints(cluster, total);
  return blended;
}

function blendKeypoints(cluster: Array<FaceBox & { keypoints?: number[] }>, total: number): number[] {
  const sum = new Array<number>(cluster[0].keypoints?.length ?? 0).fill(0);
  for (const box of cluster) {
    for (let i = 0; i < sum.length; i++) sum[i] += (box.keypoints?.[i] ?? 0) * box.score;
  }
  return sum.map((v) => v / total);
}
