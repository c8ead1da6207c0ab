import { containedRect, freshName, labelPosition, nextPoint, svgPoints, toDrafts, toZones, zoneProblems, type ZoneDraft } from './zone-model';

const triangle: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
];

describe('zone model', () => {
  it('finds nothing wrong with named polygons of 3 to 32 points', () => {
    expect(zoneProblems([{ name: 'Door', kind: 'zone', points: triangle }])).toEqual([]);
    expect(zoneProblems([])).toEqual([]);
  });

  it('names each problem the API would refuse', () => {
    const drafts: ZoneDraft[] = [
      { name: ' ', kind: 'zone', points: triangle },
      { name: 'Door', kind: 'mask', points: triangle.slice(0, 2) },
      { name: 'door', kind: 'zone', points: Array.from({ length: 33 }, () => [0.5, 0.5] as [number, number]) },
      { name: 'x'.repeat(65), kind: 'zone', points: triangle },
    ];
    expect(zoneProblems(drafts)).toEqual([
      'Zone 1 needs a name.',
      'Door needs at least 3 points (it has 2).',
      'door: another zone has this name.',
      'door has more than 32 points.',
      `${'x'.repeat(65)}: names are at most 64 characters.`,
    ]);
  });

  it('sends trimmed names and rounded coordinates, and copies what it reads', () => {
    expect(toZones([{ name: ' Door ', kind: 'zone', points: [[0.123456, 0.5], [1, 0], [0, 1]] }])).toEqual([
      { name: 'Door', kind: 'zone', points: [[0.1235, 0.5], [1, 0], [0, 1]] },
    ]);
    const zones = [{ name: 'A', kind: 'mask' as const, points: triangle }];
    const drafts = toDrafts(zones);
    drafts[0].points[0][0] = 0.5;
    expect(zones[0].points[0][0]).toBe(0);
    expect(toDrafts(undefined)).toEqual([]);
  });

  it('draws in a 0–100 box and puts labels at the mean of the corners', () => {
    expect(svgPoints(triangle)).toBe('0,0 100,0 100,100');
    expect(labelPosition([[0, 0], [1, 0], [1, 1], [0, 1]])).toEqual([0.5, 0.5]);
    expect(labelPosition([])).toEqual([0.5, 0.5]);
  });

  it('offers keyboard users a next point inside the picture', () => {
    expect(nextPoint([])).toEqual([0.5, 0.5]);
    expect(nextPoint([[0.95, 0.2]])).toEqual([1, 0.2]);
    expect(nextPoint([[0.2, 0.2], [0.6, 0.2]])).toEqual([0.4, expect.closeTo(0.3)]);
    expect(nextPoint(triangle)).toEqual([0.5, 0.5]);
  });

  it('picks fresh names per kind', () => {
    expect(freshName([], 'zone')).toBe('Zone 1');
    expect(freshName([{ name: 'zone 1', kind: 'zone', points: [] }, { name: 'Mask 1', kind: 'mask', points: [] }], 'zone')).toBe('Zone 2');
  });

  it('finds where a contained picture sits in a 16:9 box', () => {
    expect(containedRect(1280, 720, 16 / 9)).toEqual({ left: 0, top: 0, width: 100, height: 100 });
    expect(containedRect(640, 480, 16 / 9)).toEqual({ left: 12.5, top: 0, width: 75, height: 100 });
    expect(containedRect(2560, 720, 16 / 9)).toEqual({ left: 0, top: 25, width: 100, height: 50 });
    expect(containedRect(0, 0, 16 / 9)).toEqual({ left: 0, top: 0, width: 100, height: 100 });
  });
});
