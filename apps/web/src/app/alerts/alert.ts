import type { ApiQuery, ApiSchema } from '../api/api-types';

/**
 * A face alert as the API and the `alert` / `alert_updated` socket events carry it. `snapshotUrl`
 * is relative and signed for the signed-in user: it loads in an <img> without headers until it
 * expires. `person` is who the face is (null: a face that matches nobody; absent when recognition
 * did not run); `unknownId` the stranger's group, the same on every camera.
 */
export type Alert = ApiSchema<'Alert'>;

/** One page of `GET /api/alerts`, newest first. */
export type AlertPage = ApiSchema<'AlertPage'>;

/**
 * `GET /api/alerts?cameraId=&personId=&unknown=&from=&to=&page=&limit=` (inclusive range; the API
 * caps `limit`); `unknown=true` keeps the faces that matched nobody.
 */
export type AlertQuery = ApiQuery<'AlertsController_list'>;

/** Newest first, as every alert list in the console is ordered. */
export function newestFirst(a: Alert, b: Alert): number {
  return Date.parse(b.timestamp) - Date.parse(a.timestamp);
}
