/** One page of a paginated API list (`{ items, total, page, limit }`, pages start at 1). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}
