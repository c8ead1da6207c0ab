import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Face, NewPerson, Person, PersonChange, PersonPage, PersonQuery, Recognition } from './people-types';

/** The console's view of `/api/people` and their faces (admins and operators). */
@Injectable({ providedIn: 'root' })
export class PeopleApi {
  private readonly http = inject(HttpClient);

  list(query: PersonQuery = {}): Observable<PersonPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<PersonPage>('/api/people', { params });
  }

  get(id: string): Observable<Person> {
    return this.http.get<Person>(this.url(id));
  }

  /** 409 when the name is taken. */
  create(person: NewPerson): Observable<Person> {
    return this.http.post<Person>('/api/people', person);
  }

  update(id: string, change: PersonChange): Observable<Person> {
    return this.http.patch<Person>(this.url(id), change);
  }

  /** The person's faces, crops and embeddings go too; past alerts keep no name. */
  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  faces(id: string): Observable<Face[]> {
    return this.http.get<Face[]>(`${this.url(id)}/faces`);
  }

  /**
   * Enrols the main face of a photo: the file itself is the body, with its own content type.
   * The API answers 422 (no usable face, and why), 413 (too large) or 415 (not JPEG or PNG).
   */
  addFace(id: string, photo: Blob): Observable<Face> {
    return this.http.post<Face>(`${this.url(id)}/faces`, photo, {
      headers: { 'Content-Type': photo.type || 'application/octet-stream' },
    });
  }

  /** Every face in a photo and whom each matches; the photo is the raw body, as for {@link addFace}. */
  recognize(photo: Blob): Observable<Recognition> {
    return this.http.post<Recognition>('/api/recognize', photo, { headers: { 'Content-Type': photo.type || 'application/octet-stream' } });
  }

  removeFace(id: string, faceId: string): Observable<void> {
    return this.http.delete<void>(`${this.url(id)}/faces/${encodeURIComponent(faceId)}`);
  }

  private url(id: string): string {
    return `/api/people/${encodeURIComponent(id)}`;
  }
}
