import { ValidationError } from '../shared/errors';
import { MAX_FPS, MIN_FPS, parseFps } from './fps';

describe('parseFps', () => {
  it.each([1, 5, 10, 29, 30])('accepts %d', (fps) => {
    expect(parseFps(fps)).toBe(fps);
  });

  it('has the contract bounds', () => {
    expect([MIN_FPS, MAX_FPS]).toEqual([1, 30]);
  });

  it.each([0, -1, 31, 1000, 1.5, 29.99, NaN, Infinity, -Infinity, '10', '', null, undefined, true, [10], { $gt: 0 }])(
    'rejects %p',
    (value) => {
      expect(() => parseFps(value)).toThrow(new ValidationError('fps must be an integer from 1 to 30'));
    },
  );
});
