import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject, untracked } from '@angular/core';
import { Observable, expand, map, of, reduce } from 'rxjs';
import type { ApiQuery, ApiSchema } from '../api/api-types';
import { Alert, AlertPage, objectName } from '../alerts/alert';
import { TokenStore } from '../auth/token-store';
import { Span } from './day-timeline';
import { TimelineAlert } from './recording-timeline';

/** `GET /api/cameras/:id/recordings?from=&to=`: the recorded spans, oldest first. */
type RecordedSpans = ApiSchema<'RecordedSpans'>;
/** `GET /api/cameras/:id/recordings/video?from=&to=&token=`. */
type VideoQuery = ApiQuery<'RecordingsController_video'>;

/** Alerts shown on one day's timeline, at most (pages of 100). */
const MAX_ALERT_PAGES = 5;

/** The console's view of a camera's recordings and the alerts over them. */
@Injectable({ providedIn: 'root' })
export class RecordingsApi {
  private readonly http = inject(HttpClient);
  private readonly tokens = inject(TokenStore);

  /** Recorded spans overlapping `from`–`to`, oldest first. */
  spans(cameraId: string, from: number, to: number): Observable<Span[]> {
    const params = new HttpParams().set('from', iso(from)).set('to', iso(to));
    return this.http
      .get<RecordedSpans>(`${this.camera(cameraId)}/recordings`, { params })
      .pipe(map((answer) => answer.items.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }))));
  }

  /** The camera's alerts in `from`–`to` (the first 500), as timeline marks. */
  alerts(cameraId: string, from: number, to: number): Observable<TimelineAlert[]> {
    const page = (n: number) =>
      this.http.get<AlertPage>('/api/alerts', {
        params: new HttpParams().set('cameraId', cameraId).set('from', iso(from)).set('to', iso(to)).set('limit', 100).set('page', n),
      });
    return page(1).pipe(
      expand((answer) => (answer.page * answer.limit < answer.total && answer.page < MAX_ALERT_PAGES ? page(answer.page + 1) : of())),
      reduce((all, answer) => [...all, ...answer.items], [] as Alert[]),
      map((alerts) => alerts.map((a) => ({ alertId: a.alertId, at: Date.parse(a.timestamp), label: alertLabel(a) })).sort((a, b) => a.at - b.at)),
    );
  }

  /**
   * The MP4 of `from`–`to` (an hour at most), as a `<video>` or a download link loads it: neither
   * can send an Authorization header, so the API takes the signed-in user's token as `?token=`.
   */
  videoUrl(cameraId: string, from: number, to: number): string {
    // Read untracked: a renewed token must not reload a video that plays.
    const token = untracked(() => this.tokens.token()?.value);
    const query: VideoQuery = { from: iso(from), to: iso(to), ...(token ? { token } : {}) };
    return `${this.camera(cameraId)}/recordings/video?${new HttpParams({ fromObject: { ...query } }).toString()}`;
  }

  private camera(cameraId: string): string {
    return `/api/cameras/${encodeURIComponent(cameraId)}`;
  }
}

/** What an alert saw, in a few words. */
export function alertLabel(alert: Alert): string {
  const object = objectName(alert);
  if (object) return object;
  if (alert.person) return alert.person.name;
  return alert.person === null ? 'Unknown face' : 'Face';
}

const iso = (at: number) => new Date(at).toISOString();
