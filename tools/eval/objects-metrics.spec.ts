import { apPerLabel, averagePrecision, matchLabel, meanAp, operatingPoint, type ScoredImage } from './objects-metrics';

const box = (x: number, y: number, size = 100) => ({ x, y, width: size, height: size });

describe('matchLabel', () => {
  it('gives each object to the best-scored detection that overlaps it (IoU ≥ 0.5); a duplicate is a false positive', () => {
    const ranked = matchLabel([box(0, 0)], [{ ...box(5, 0), score: 0.6 }, { ...box(0, 0), score: 0.9 }]);
    expect(ranked).toEqual([
      { score: 0.9, hit: true },
      { score: 0.6, hit: false },
    ]);
  });

  it('counts a detection overlapping less than IoU 0.5 as a false positive', () => {
    // [0,100] vs [40,140]: IoU 60·100 / (2·10000 − 6000) = 0.43
    expect(matchLabel([box(0, 0)], [{ ...box(40, 0), score: 0.9 }])).toEqual([{ score: 0.9, hit: false }]);
  });

  it('leaves out a detection on an object under 32 × 32 px: neither true nor false positive', () => {
    const small = box(0, 0, 30);
    expect(matchLabel([small], [{ ...box(0, 0, 30), score: 0.9 }, { ...box(500, 0), score: 0.5 }])).toEqual([{ score: 0.5, hit: false }]);
  });

  it('matches an object that counts before an ignored one the detection also overlaps', () => {
    const counted = box(0, 0, 40); // 1600 px²
    const ignored = { x: 0, y: 0, width: 40, height: 25 }; // 1000 px²
    expect(matchLabel([ignored, counted], [{ ...box(0, 0, 40), score: 0.8 }])).toEqual([{ score: 0.8, hit: true }]);
  });
});

describe('averagePrecision', () => {
  it('is 1 when every object is found before any false positive', () => {
    expect(averagePrecision([{ score: 0.9, hit: true }, { score: 0.8, hit: true }, { score: 0.1, hit: false }], 2)).toBe(1);
  });

  it('takes the area under the precision envelope at every recall step', () => {
    // hits at ranks 1 and 3 of 4 objects: recall 0.25 at P 1, 0.5 at P 2/3; two objects never found
    const ranked = [
      { score: 0.9, hit: true },
      { score: 0.8, hit: false },
      { score: 0.7, hit: true },
    ];
    expect(averagePrecision(ranked, 4)).toBeCloseTo(0.25 * 1 + 0.25 * (2 / 3));
  });

  it('raises a precision dip to the best precision at a higher recall', () => {
    // P/R: (1, .33) (.5, .33) (.67, .67) (.75, 1): the second step's precision is lifted to 0.75
    const ranked = [
      { score: 0.9, hit: true },
      { score: 0.8, hit: false },
      { score: 0.7, hit: true },
      { score: 0.6, hit: true },
    ];
    expect(averagePrecision(ranked, 3)).toBeCloseTo((1 / 3) * 1 + (1 / 3) * 0.75 + (1 / 3) * 0.75);
  });

  it('is null for a label with no object that counts, 0 when nothing is found', () => {
    expect(averagePrecision([{ score: 0.9, hit: false }], 0)).toBeNull();
    expect(averagePrecision([], 2)).toBe(0);
  });
});

describe('apPerLabel and meanAp', () => {
  const images: ScoredImage[] = [
    {
      truth: [{ label: 'person', ...box(0, 0) }, { label: 'car', ...box(300, 0) }, { label: 'cup', ...box(600, 0, 20) }],
      detections: [
        { label: 'person', ...box(0, 0), score: 0.9 },
        { label: 'car', ...box(0, 0), score: 0.8 }, // right place, wrong label: a false car
        { label: 'dog', ...box(900, 0), score: 0.4 },
      ],
    },
    { truth: [{ label: 'car', ...box(0, 0) }], detections: [{ label: 'car', ...box(0, 0), score: 0.7 }] },
  ];

  it('scores each label on its own, across images', () => {
    const results = apPerLabel(images);
    expect(results.map((r) => [r.label, r.objects, r.ap])).toEqual([
      ['car', 2, 0.25], // ranks: FP 0.8, TP 0.7 → recall 0.5 at precision 0.5: area 0.25
      ['cup', 0, null], // only a small cup: ignored
      ['dog', 0, null], // detected but not in the set
      ['person', 1, 1],
    ]);
  });

  it('averages over the labels with objects that count', () => {
    expect(meanAp(apPerLabel(images))).toBeCloseTo((0.25 + 1) / 2);
    expect(meanAp([])).toBe(0);
  });
});

describe('operatingPoint', () => {
  it('counts recall, precision and false positives per image at a threshold', () => {
    const images: ScoredImage[] = [
      {
        truth: [{ label: 'person', ...box(0, 0) }, { label: 'person', ...box(200, 0) }],
        detections: [
          { label: 'person', ...box(0, 0), score: 0.9 },
          { label: 'person', ...box(200, 0), score: 0.2 },
          { label: 'cat', ...box(500, 0), score: 0.6 },
        ],
      },
      { truth: [], detections: [] },
    ];
    expect(operatingPoint(images, 0.5)).toEqual({ minScore: 0.5, recall: 0.5, precision: 0.5, fpPerImage: 0.5 });
    expect(operatingPoint(images, 0.1)).toEqual({ minScore: 0.1, recall: 1, precision: 2 / 3, fpPerImage: 0.5 });
  });
});
