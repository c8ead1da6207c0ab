import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Person, UnknownAssignment, UnknownGroupPage } from '../people/people-types';

/** The console's view of `/api/unknowns`: faces that match nobody, grouped per stranger. */
@Injectable({ providedIn: 'root' })
export class UnknownsApi {
  private readonly http = inject(HttpClient);

  list(query: { page?: number; limit?: number } = {}): Observable<UnknownGroupPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params = params.set(key, String(value));
    }
    return this.http.get<UnknownGroupPage>('/api/unknowns', { params });
  }

  /** The group's faces join that person, or a new one by that name. */
  assign(id: string, to: UnknownAssignment): Observable<Person> {
    return this.http.post<Person>(`${this.url(id)}/assign`, to);
  }

  dismiss(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  private url(id: string): string {
    return `/api/unknowns/${encodeURIComponent(id)}`;
  }
}
