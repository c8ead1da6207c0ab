import { ValidationError } from './errors';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, normalizePage } from './pagination';

describe('normalizePage', () => {
  it('defaults to page 1 with 20 per page', () => {
    expect(normalizePage()).toEqual({ page: 1, limit: 20, offset: 0 });
    expect([DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT]).toEqual([20, 100]);
  });

  it('computes the offset from page and limit', () => {
    expect(normalizePage(3, 25)).toEqual({ page: 3, limit: 25, offset: 50 });
    expect(normalizePage(2)).toEqual({ page: 2, limit: 20, offset: 20 });
    expect(normalizePage(undefined, 5)).toEqual({ page: 1, limit: 5, offset: 0 });
  });

  it('clamps a limit above 100 to 100, also for the offset', () => {
    expect(normalizePage(1, 101)).toEqual({ page: 1, limit: 100, offset: 0 });
    expect(normalizePage(2, 100_000)).toEqual({ page: 2, limit: 100, offset: 100 });
    expect(normalizePage(1, 100)).toEqual({ page: 1, limit: 100, offset: 0 });
  });

  it.each([0, -1, 1.5, NaN, Infinity, 1_000_001])('rejects page %p', (page) => {
    expect(() => normalizePage(page, 10)).toThrow(new ValidationError('page must be an integer from 1 to 1000000'));
  });

  it.each([0, -5, 2.5, NaN, Infinity])('rejects limit %p', (limit) => {
    expect(() => normalizePage(1, limit)).toThrow(new ValidationError('limit must be an integer ≥ 1'));
  });

  it('rejects values of the wrong type that slipped through', () => {
    expect(() => normalizePage('2' as unknown as number)).toThrow(ValidationError);
    expect(() => normalizePage(1, '10' as unknown as number)).toThrow(ValidationError);
  });
});
