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
export function nonMaxSuppression(boxes: readonly FaceBox[], options: NmsOptions = DEFAULT_NMS): FaceBox[] {
  const remaining = [...boxes].sort((a, b) => b.score - a.score);
  const kept: FaceBox[] = [];
  while (remaining.length > 0 && kept.length < options.maxFaces) {
    const best = remaining[0];
    const cluster: FaceBox[] = [];
    const rest: FaceBox[] = [];
    for (const box of remaining) {
      if (box === best || iou(best, box) > options.iouThreshold) cluster.push(box);
      else rest.push(box);
    }
    kept.push(options.blend ? blendCluster(best, cluster) : best);
    remaining.splice(0, remaining.length, ...rest);
  }
  return kept;
}

function blendCluster(best: FaceBox, cluster: FaceBox[]): FaceBox {
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
  return { x: x1 / total, y: y1 / total, width: (x2 - x1) / total, height: (y2 - y1) / total, score: best.score };
}
