import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Alert, AlertPage, AlertQuery } from './alert';

export type { AlertQuery } from './alert';

/** The console's view of `/api/alerts` (newest first). */
@Injectable({ providedIn: 'root' })
export class AlertApi {
  private readonly http = inject(HttpClient);

  list(query: AlertQuery = {}): Observable<AlertPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<AlertPage>('/api/alerts', { params });
  }

  /** One alert, with a freshly signed snapshot link. */
  get(alertId: string): Observable<Alert> {
    return this.http.get<Alert>(`/api/alerts/${encodeURIComponent(alertId)}`);
  }

  /**
   * Corrects who an alert saw: that person (the face joins them), or nobody (`null`: the face
   * counts as "not this person" for the old match). Answers the corrected alert.
   */
  correctIdentity(alertId: string, personId: string | null): Observable<Alert> {
    return this.http.post<Alert>(`/api/alerts/${encodeURIComponent(alertId)}/identity`, { personId });
  }
}
