import type { FaceBox } from '@argus/domain';
import { nonMaxSuppression } from './nms';

const box = (x: number, y: number, size: number, score: number): FaceBox => ({ x, y, width: size, height: size, score });
const greedy = { iouThreshold: 0.3, maxFaces: 10, blend: false };

describe('nonMaxSuppression', () => {
  it('keeps the best of overlapping boxes and every separate face', () => {
    const input = [box(0, 0, 100, 0.7), box(5, 5, 100, 0.9), box(300, 0, 50, 0.6)];
    const kept = nonMaxSuppression(input, greedy);
    expect(kept).toEqual([box(5, 5, 100, 0.9), box(300, 0, 50, 0.6)]);
  });

  it('keeps boxes whose overlap is at or below the threshold', () => {
    const a = box(0, 0, 100, 0.9);
    const b = box(80, 0, 100, 0.8); // IoU = 2000 / 18000 ≈ 0.11
    expect(nonMaxSuppression([a, b], greedy)).toHaveLength(2);
  });

  it('blends a cluster into its score-weighted mean, keeping the best score', () => {
    const [merged] = nonMaxSuppression([box(0, 0, 100, 0.75), box(10, 10, 100, 0.25)], { ...greedy, blend: true });
    expect(merged.x).toBeCloseTo(2.5);
    expect(merged.y).toBeCloseTo(2.5);
    expect(merged.width).toBeCloseTo(100);
    expect(merged.score).toBe(0.75);
  });

  it('stops at maxFaces and leaves its input untouched', () => {
    const input = [box(0, 0, 10, 0.5), box(100, 0, 10, 0.9), box(200, 0, 10, 0.7)];
    const copy = input.map((b) => ({ ...b }));
    const kept = nonMaxSuppression(input, { ...greedy, maxFaces: 2 });
    expect(kept.map((b) => b.score)).toEqual([0.9, 0.7]);
    expect(input).toEqual(copy);
  });

  it('returns nothing for no boxes', () => {
    expect(nonMaxSuppression([], greedy)).toEqual([]);
  });
});
