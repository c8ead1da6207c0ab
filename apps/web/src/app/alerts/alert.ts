import type { ApiQuery, ApiSchema } from '../api/api-types';
import type { AlertIdentity } from '../people/people-types';

/**
 * Who an alert's face is, as the API's Alert carries it: `person` is the match (null: a face that
 * matches nobody), `unknownId` the stranger's group, the same on every camera. Declared here
 * until the generated Alert schema has them.
 */
export interface AlertIdentityFields {
  person?: AlertIdentity | null;
  unknownId?: string;
}

/**
 * A face alert as the API and the `alert` socket event carry it. `snapshotUrl` is relative and
 * signed for the signed-in user: it loads in an <img> without headers until it expires.
 */
export type Alert = ApiSchema<'Alert'> & AlertIdentityFields;

/** One page of `GET /api/alerts`, newest first. */
export type AlertPage = Omit<ApiSchema<'AlertPage'>, 'items'> & { items: Alert[] };

/**
 * `GET /api/alerts?cameraId=&from=&to=&page=&limit=&personId=&unknown=` (inclusive range; the API
 * caps `limit`); `unknown=true` keeps the faces that matched nobody.
 */
export type AlertQuery = ApiQuery<'AlertsController_list'> & { personId?: string; unknown?: boolean };

/** Newest first, as every alert list in the console is ordered. */
export function newestFirst(a: Alert, b: Alert): number {
  return Date.parse(b.timestamp) - Date.parse(a.timestamp);
}
