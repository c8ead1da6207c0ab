import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Page } from '../shared/page';
import { Alert } from './alert';

export interface AlertQuery {
  cameraId?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, inclusive. */
  to?: string;
  page?: number;
  /** The API caps this at 100. */
  limit?: number;
}

/** The console's view of `/api/alerts` (newest first). */
@Injectable({ providedIn: 'root' })
export class AlertApi {
  private readonly http = inject(HttpClient);

  list(query: AlertQuery = {}): Observable<Page<Alert>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<Alert>>('/api/alerts', { params });
  }

  /** One alert, with a freshly signed snapshot link. */
  get(alertId: string): Observable<Alert> {
    return this.http.get<Alert>(`/api/alerts/${encodeURIComponent(alertId)}`);
  }
}
