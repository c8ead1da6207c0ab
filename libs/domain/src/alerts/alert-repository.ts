import type { AlertIdentity } from '../people/person';
import type { Alert } from './alert';

export interface AlertListQuery {
  /** Only these cameras; unset means every camera (admins). An empty list matches nothing. */
  cameraIds?: string[];
  /** Inclusive bounds on the capture timestamp. */
  from?: Date;
  to?: Date;
  /** Only alerts naming this person. */
  personId?: string;
  /** true: only unknown faces (`person: null`); false: only alerts naming a person. */
  unknown?: boolean;
  offset: number;
  limit: number;
}

export interface AlertRepository {
  add(alert: Alert): Promise<void>;
  findById(alertId: string): Promise<Alert | null>;
  /** Newest first (timestamp, then alertId, both descending). */
  list(query: AlertListQuery): Promise<{ items: Alert[]; total: number }>;
  deleteByCamera(cameraId: string): Promise<number>;
  /** Sets who an alert shows (a person, or null and the unknown group); does nothing for an unknown alert id. */
  setIdentity(alertId: string, person: AlertIdentity | null, unknownId: string | null): Promise<void>;
  /** A deleted person: every alert naming them keeps `person: null`. */
  clearPerson(personId: string): Promise<void>;
  /** An unknown group named: every alert of the group shows `person` instead (its `unknownId` goes). */
  nameUnknown(unknownId: string, person: AlertIdentity): Promise<void>;
  /** Records (or, with null, forgets) the alert's stored clip; does nothing for an unknown alert id. */
  attachClip(alertId: string, clipKey: string | null): Promise<void>;
}
