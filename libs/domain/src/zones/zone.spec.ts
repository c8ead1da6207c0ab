import { ValidationError } from '../shared/errors';
import { MAX_ZONES_PER_CAMERA, parseZones, pointInPolygon, sameZones, zonesAt, type CameraZone } from './zone';
import { alerting, placeBox, unmasked } from './zone-filter';

const square: [number, number][] = [
  [0.25, 0.25],
  [0.75, 0.25],
  [0.75, 0.75],
  [0.25, 0.75],
];

function problemsOf(value: unknown): string {
  try {
    parseZones(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('pointInPolygon (even-odd)', () => {
  it('tells inside from outside a square', () => {
    expect(pointInPolygon(0.5, 0.5, square)).toBe(true);
    expect(pointInPolygon(0.1, 0.5, square)).toBe(false);
    expect(pointInPolygon(0.5, 0.9, square)).toBe(false);
  });

  it('follows a concave polygon (a U shape): the notch is outside', () => {
    const u: [number, number][] = [
      [0, 0],
      [0.3, 0],
      [0.3, 0.7],
      [0.7, 0.7],
      [0.7, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    expect(pointInPolygon(0.5, 0.3, u)).toBe(false);
    expect(pointInPolygon(0.15, 0.3, u)).toBe(true);
    expect(pointInPolygon(0.5, 0.85, u)).toBe(true);
  });

  it('treats a self-crossing polygon by the even-odd rule', () => {
    // A bow tie: two triangles meeting in the middle.
    const bowTie: [number, number][] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ];
    expect(pointInPolygon(0.1, 0.5, bowTie)).toBe(true);
    expect(pointInPolygon(0.5, 0.1, bowTie)).toBe(false);
  });
});

describe('parseZones', () => {
  it('accepts masks and zones, trimming names', () => {
    expect(parseZones([{ name: ' door ', kind: 'zone', points: square }, { name: 'tv', kind: 'mask', points: square.slice(0, 3) }])).toEqual([
      { name: 'door', kind: 'zone', points: square },
      { name: 'tv', kind: 'mask', points: square.slice(0, 3) },
    ]);
    expect(parseZones([])).toEqual([]);
  });

  it('refuses what is not an array', () => {
    expect(problemsOf({})).toMatch(/zones must be an array/);
    expect(problemsOf(null)).toMatch(/zones must be an array/);
  });

  it(`refuses more than ${MAX_ZONES_PER_CAMERA} zones`, () => {
    const many = Array.from({ length: MAX_ZONES_PER_CAMERA + 1 }, (_, i) => ({ name: `z${i}`, kind: 'zone', points: square }));
    expect(problemsOf(many)).toMatch(/at most 32 entries/);
  });

  it('says what is wrong with each bad polygon', () => {
    expect(problemsOf([{ name: 'a', kind: 'zone', points: square.slice(0, 2) }])).toMatch(/zones\[0\]\.points must have 3 to 32 points \(it has 2\)/);
    const tooMany = Array.from({ length: 33 }, (_, i) => [i / 40, (i % 2) / 2]);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: tooMany }])).toMatch(/3 to 32 points \(it has 33\)/);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: [[0, 0], [1, 0], [1, 1.5]] }])).toMatch(/points\[2\] must have x and y from 0 to 1/);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: [[0, 0], [-0.1, 0], [1, 1]] }])).toMatch(/points\[1\] must have x and y from 0 to 1/);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: [[0, 0], ['1', 0], [1, 1]] }])).toMatch(/points\[1\] must be an \[x, y\] pair of numbers/);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: [[0, 0], [1], [1, 1]] }])).toMatch(/points\[1\] must be an \[x, y\] pair/);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: [[0, 0], [null, 0], [1, 1]] }])).toMatch(/pair of numbers/);
    expect(problemsOf([{ name: 'a', kind: 'zone', points: 'square' }])).toMatch(/points must be an array/);
    expect(problemsOf([{ name: 'a', kind: 'fence', points: square }])).toMatch(/zones\[0\]\.kind must be "mask" or "zone"/);
    expect(problemsOf([{ name: '  ', kind: 'zone', points: square }])).toMatch(/zones\[0\]\.name must be 1–64 characters/);
    expect(problemsOf([{ name: 'x'.repeat(65), kind: 'zone', points: square }])).toMatch(/1–64 characters/);
    expect(problemsOf([{ kind: 'zone', points: square }])).toMatch(/name must be a string/);
    expect(problemsOf(['door'])).toMatch(/zones\[0\] must be an object/);
  });

  it('refuses a name used twice, whatever its case', () => {
    const message = problemsOf([
      { name: 'Door', kind: 'zone', points: square },
      { name: 'door', kind: 'mask', points: square },
    ]);
    expect(message).toMatch(/zones\[1\]\.name "door" is used twice/);
  });

  it('lists every problem at once', () => {
    const message = problemsOf([
      { name: '', kind: 'zone', points: square },
      { name: 'b', kind: 'nope', points: square },
    ]);
    expect(message).toMatch(/zones\[0\]\.name/);
    expect(message).toMatch(/zones\[1\]\.kind/);
  });
});

describe('placing boxes among zones', () => {
  const zones: CameraZone[] = [
    { name: 'left', kind: 'zone', points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] },
    { name: 'all', kind: 'zone', points: [[0, 0], [1, 0], [1, 1], [0, 1]] },
    { name: 'tv', kind: 'mask', points: [[0.8, 0.8], [1, 0.8], [1, 1], [0.8, 1]] },
  ];

  it('judges a box by its centre in fractions of the frame', () => {
    // 640×360 frame: a box centred at (100, 100) is at (0.156, 0.278).
    expect(placeBox({ x: 80, y: 80, width: 40, height: 40 }, 640, 360, zones)).toEqual({ masked: false, zones: ['left', 'all'], alerts: true });
    expect(placeBox({ x: 600, y: 330, width: 20, height: 20 }, 640, 360, zones)).toEqual({ masked: true, zones: [], alerts: false });
    // The same place in a frame twice as large is the same zone.
    expect(placeBox({ x: 160, y: 160, width: 80, height: 80 }, 1280, 720, zones).zones).toEqual(['left', 'all']);
  });

  it('alerts only inside a zone when the camera has zones', () => {
    const onlyLeft = zones.slice(0, 1);
    expect(placeBox({ x: 500, y: 100, width: 20, height: 20 }, 640, 360, onlyLeft)).toEqual({ masked: false, zones: [], alerts: false });
    expect(alerting([{ x: 500, y: 100, width: 20, height: 20 }, { x: 10, y: 10, width: 20, height: 20 }], 640, 360, onlyLeft)).toHaveLength(1);
  });

  it('alerts anywhere outside masks when the camera has masks only', () => {
    const masks = zones.slice(2);
    expect(placeBox({ x: 10, y: 10, width: 20, height: 20 }, 640, 360, masks)).toEqual({ masked: false, zones: [], alerts: true });
    expect(unmasked([{ x: 10, y: 10, width: 20, height: 20 }, { x: 600, y: 330, width: 20, height: 20 }], 640, 360, masks)).toEqual([
      { x: 10, y: 10, width: 20, height: 20 },
    ]);
  });

  it('finds zones of one kind and compares zone lists', () => {
    expect(zonesAt(0.9, 0.9, zones, 'mask').map((z) => z.name)).toEqual(['tv']);
    expect(sameZones(zones, JSON.parse(JSON.stringify(zones)))).toBe(true);
    expect(sameZones(zones, zones.slice(1))).toBe(false);
    expect(sameZones(undefined, [])).toBe(true);
  });
});
