import { ValidationError } from './errors';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const MAX_PAGE = 1_000_000;

export interface PageRequest {
  page: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

/** Pages start at 1; the limit defaults to DEFAULT_PAGE_LIMIT and anything above MAX_PAGE_LIMIT is clamped to it. */
export function normalizePage(page?: number, limit?: number): PageRequest & { offset: number } {
  const p = page ?? 1;
  const l = limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(p) || p < 1 || p > MAX_PAGE) {
    throw new ValidationError(`page must be an integer from 1 to ${MAX_PAGE}`);
  }
  if (!Number.isInteger(l) || l < 1) {
    throw new ValidationError('limit must be an integer ≥ 1');
  }
  const clamped = Math.min(l, MAX_PAGE_LIMIT);
  return { page: p, limit: clamped, offset: (p - 1) * clamped };
}
