import type { ApiQuery, ApiSchema } from '../api/api-types';

/**
 * A face alert as the API and the `alert` socket event carry it. `snapshotUrl` is relative and
 * signed for the signed-in user: it loads in an <img> without headers until it expires.
 */
export type Alert = ApiSchema<'Alert'>;

/** One page of `GET /api/alerts`, newest first. */
export type AlertPage = ApiSchema<'AlertPage'>;

/** `GET /api/alerts?cameraId=&from=&to=&page=&limit=` (inclusive range; the API caps `limit`). */
export type AlertQuery = ApiQuery<'AlertsController_list'>;

/** Newest first, as every alert list in the console is ordered. */
export function newestFirst(a: Alert, b: Alert): number {
  return Date.parse(b.timestamp) - Date.parse(a.timestamp);
}
