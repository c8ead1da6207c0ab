import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Page } from '../shared/page';
import { Camera } from './camera';

export interface CameraQuery {
  page?: number;
  /** The API caps this at 100. */
  limit?: number;
  enabled?: boolean;
}

/** The console's view of `/api/cameras`. */
@Injectable({ providedIn: 'root' })
export class CameraApi {
  private readonly http = inject(HttpClient);

  list(query: CameraQuery = {}): Observable<Page<Camera>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params = params.set(key, String(value));
    }
    return this.http.get<Page<Camera>>('/api/cameras', { params });
  }
}
