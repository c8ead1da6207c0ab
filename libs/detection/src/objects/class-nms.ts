import { iou, type Region } from '../geometry/region';

/**
 * Greedy non-max suppression run separately for each class: a box is dropped when a higher-scored
 * box of the same class overlaps it by more than `iouThreshold`. A person in front of a car keeps
 * both boxes. The result is sorted by score, best first.
 */
export function classWiseNms<T extends Region & { score: number }>(
  boxes: readonly T[],
  classOf: (box: T) => number | string,
  iouThreshold: number,
): T[] {
  const byClass = new Map<number | string, T[]>();
  for (const box of boxes) {
    const key = classOf(box);
    const list = byClass.get(key);
    if (list) list.push(box);
    else byClass.set(key, [box]);
  }
  const kept: T[] = [];
  for (const list of byClass.values()) {
    list.sort((a, b) => b.score - a.score);
    const survivors: T[] = [];
    for (const box of list) {
      if (!survivors.some((k) => iou(k, box) > iouThreshold)) survivors.push(box);
    }
    kept.push(...survivors);
  }
  return kept.sort((a, b) => b.score - a.score);
}
