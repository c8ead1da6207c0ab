import { ValidationError } from '../shared/errors';
import { iou, parseBoundingBox } from './bounding-box';

describe('parseBoundingBox', () => {
  it('keeps exactly x, y, width and height', () => {
    expect(parseBoundingBox({ x: 10, y: 20.5, width: 30, height: 40, score: 0.9, $where: 'x' })).toEqual({
      x: 10,
      y: 20.5,
      width: 30,
      height: 40,
    });
  });

  it('allows negative and zero coordinates (boxes may start off-frame)', () => {
    expect(parseBoundingBox({ x: -5, y: 0, width: 1, height: 1 })).toEqual({ x: -5, y: 0, width: 1, height: 1 });
  });

  it.each([null, undefined, 'x', 5, [1, 2, 3, 4], [{ x: 1, y: 1, width: 1, height: 1 }]])('rejects %p', (value) => {
    expect(() => parseBoundingBox(value)).toThrow(new ValidationError('bbox must be an object { x, y, width, height }'));
  });

  it.each([
    [{ y: 0, width: 1, height: 1 }, 'x'],
    [{ x: '1', y: 0, width: 1, height: 1 }, 'x'],
    [{ x: 0, y: NaN, width: 1, height: 1 }, 'y'],
    [{ x: 0, y: 0, width: Infinity, height: 1 }, 'width'],
    [{ x: 0, y: 0, width: 1, height: { $gt: 0 } }, 'height'],
    [{ x: 100_001, y: 0, width: 1, height: 1 }, 'x'],
    [{ x: 0, y: -100_001, width: 1, height: 1 }, 'y'],
  ])('rejects %j naming bbox.%s', (value, key) => {
    expect(() => parseBoundingBox(value)).toThrow(new ValidationError(`bbox.${key} must be a finite number`));
  });

  it.each([
    { x: 0, y: 0, width: 0, height: 10 },
    { x: 0, y: 0, width: 10, height: -1 },
  ])('rejects the empty box %j', (value) => {
    expect(() => parseBoundingBox(value)).toThrow(new ValidationError('bbox.width and bbox.height must be positive'));
  });
});

describe('iou', () => {
  const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

  it('is 1 for identical boxes', () => {
    expect(iou(box(5, 5, 10, 10), box(5, 5, 10, 10))).toBe(1);
  });

  it('is 0 for disjoint and merely touching boxes', () => {
    expect(iou(box(0, 0, 10, 10), box(20, 20, 5, 5))).toBe(0);
    expect(iou(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(0);
  });

  it('is intersection over union for partial overlap, symmetric', () => {
    // Overlap 5x10 = 50; union 100 + 100 - 50 = 150.
    expect(iou(box(0, 0, 10, 10), box(5, 0, 10, 10))).toBeCloseTo(1 / 3, 10);
    expect(iou(box(5, 0, 10, 10), box(0, 0, 10, 10))).toBeCloseTo(1 / 3, 10);
  });

  it('is the area ratio when one box contains the other', () => {
    expect(iou(box(0, 0, 10, 10), box(2, 2, 5, 5))).toBeCloseTo(25 / 100, 10);
  });

  it('is 0 rather than NaN for degenerate boxes', () => {
    expect(iou(box(0, 0, 0, 0), box(0, 0, 0, 0))).toBe(0);
  });
});
