import type { Alert } from './alert';

export interface AlertListQuery {
  /** Only these cameras; unset means every camera (admins). An empty list matches nothing. */
  cameraIds?: string[];
  /** Inclusive bounds on the capture timestamp. */
  from?: Date;
  to?: Date;
  offset: number;
  limit: number;
}

export interface AlertRepository {
  add(alert: Alert): Promise<void>;
  findById(alertId: string): Promise<Alert | null>;
  /** Newest first (timestamp, then alertId, both descending). */
  list(query: AlertListQuery): Promise<{ items: Alert[]; total: number }>;
  deleteByCamera(cameraId: string): Promise<number>;
}
