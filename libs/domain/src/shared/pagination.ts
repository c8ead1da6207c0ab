import { ValidationError } from './errors';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

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

/** Pages start at 1; the limit defaults to 20 and anything above 100 is clamped to 100. */
export function normalizePage(page?: number, limit?: number): PageRequest & { offset: number } {
  const p = page ?? 1;
  const l = limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(p) || p < 1 || p > 1_000_000) {
    throw new ValidationError('page must be an integer from 1 to 1000000');
  }
  if (!Number.isInteger(l) || l < 1) {
    throw new ValidationError('limit must be an integer ≥ 1');
  }
  const clamped = Math.min(l, MAX_PAGE_LIMIT);
  return { page: p, limit: clamped, offset: (p - 1) * clamped };
}
