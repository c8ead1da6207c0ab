import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { Camera, CameraInput, CameraPage, CameraQuery } from './camera';
import type { CameraRecording, ObjectLabel } from './dialogs/camera-form-settings';
import type { CameraZone } from './zones/zone-model';

/** The console's view of `/api/cameras`. */
@Injectable({ providedIn: 'root' })
export class CameraApi {
  private readonly http = inject(HttpClient);

  list(query: CameraQuery = {}): Observable<CameraPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params = params.set(key, String(value));
    }
    return this.http.get<CameraPage>('/api/cameras', { params });
  }

  get(id: string): Observable<Camera> {
    return this.http.get<Camera>(this.url(id));
  }

  create(input: CameraInput): Observable<Camera> {
    return this.http.post<Camera>('/api/cameras', input);
  }

  /** Sending back the masked URL unchanged keeps the stored password. */
  update(id: string, input: CameraInput): Observable<Camera> {
    return this.http.put<Camera>(this.url(id), input);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  /** 202: the answer says `starting`; progress comes as `camera_state` events. */
  start(id: string): Observable<Camera> {
    return this.http.post<Camera>(`${this.url(id)}/start`, null);
  }

  stop(id: string): Observable<Camera> {
    return this.http.post<Camera>(`${this.url(id)}/stop`, null);
  }

  setDetection(id: string, enabled: boolean): Observable<Camera> {
    return this.http.patch<Camera>(`${this.url(id)}/detection`, { enabled });
  }

  setFps(id: string, fps: number): Observable<Camera> {
    return this.http.patch<Camera>(`${this.url(id)}/fps`, { fps });
  }

  setViewers(id: string, userIds: string[]): Observable<Camera> {
    return this.http.put<Camera>(`${this.url(id)}/viewers`, { userIds });
  }

  /** Replaces the camera's masks and zones (`[]` removes them all). */
  setZones(id: string, zones: CameraZone[]): Observable<Camera> {
    return this.http.put<Camera>(`${this.url(id)}/zones`, { zones });
  }

  /** The object labels a camera alerts on (`[]`: no object alerts). */
  setObjects(id: string, labels: ObjectLabel[]): Observable<Camera> {
    return this.http.patch<Camera>(`${this.url(id)}/objects`, { labels });
  }

  /** What the camera records; applied to a running camera without a restart. */
  setRecording(id: string, recording: CameraRecording): Observable<Camera> {
    return this.http.patch<Camera>(`${this.url(id)}/recording`, recording);
  }

  /** The object labels the detector knows, in its order. */
  objectLabels(): Observable<ObjectLabel[]> {
    return this.http.get<ObjectLabel[]>('/api/detection/labels');
  }

  private url(id: string): string {
    return `/api/cameras/${encodeURIComponent(id)}`;
  }
}
