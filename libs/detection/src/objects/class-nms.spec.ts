import { classWiseNms } from './class-nms';

const box = (label: string, x: number, score: number, width = 100) => ({ label, x, y: 0, width, height: 100, score });

describe('classWiseNms', () => {
  it('drops a weaker box of the same label that overlaps a better one', () => {
    const kept = classWiseNms([box('car', 0, 0.6), box('car', 10, 0.9), box('car', 300, 0.5)], (b) => b.label, 0.5);
    expect(kept.map((b) => [b.x, b.score])).toEqual([
      [10, 0.9],
      [300, 0.5],
    ]);
  });

  it('keeps overlapping boxes of different labels (a person in front of a car)', () => {
    const kept = classWiseNms([box('car', 0, 0.8), box('person', 5, 0.7)], (b) => b.label, 0.5);
    expect(kept.map((b) => b.label)).toEqual(['car', 'person']);
  });

  it('keeps boxes overlapping at or under the threshold', () => {
    // IoU of [0,100] and [50,150] is 50 / 150 = 0.33
    expect(classWiseNms([box('dog', 0, 0.9), box('dog', 50, 0.8)], (b) => b.label, 0.33)).toHaveLength(1);
    expect(classWiseNms([box('dog', 0, 0.9), box('dog', 50, 0.8)], (b) => b.label, 0.34)).toHaveLength(2);
  });
});
