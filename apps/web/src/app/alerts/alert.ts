import type { ApiQuery, ApiSchema } from '../api/api-types';

/**
 * An alert (a face, or an object of one of the camera's labels: `kind`, `label`) as the API and the
 * `alert` / `alert_updated` socket events carry it. `snapshotUrl`
 * is relative and signed for the signed-in user: it loads in an <img> without headers until it
 * expires. `person` is who the face is (null: a face that matches nobody; absent when recognition
 * did not run); `unknownId` the stranger's group, the same on every camera.
 */
export type Alert = ApiSchema<'Alert'>;

/** What an object alert saw, as the console names it ("Car", "Dog"); null for a face alert. */
export function objectName(alert: Alert): string | null {
  if (alert.kind !== 'object') return null;
  const label: string = alert.label ?? 'object';
  return label.charAt(0).toUpperCase() + label.slice(1);
}

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
