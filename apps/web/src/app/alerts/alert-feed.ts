import { Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, Observable, expand, map, reduce } from 'rxjs';
import { RealtimeClient } from '../realtime/realtime-client';
import { Notifier } from '../shared/notifier';
import { Alert, newestFirst } from './alert';
import { AlertApi } from './alert-api';

/** Alerts kept per camera for the dashboard tiles. */
export const RECENT_PER_CAMERA = 5;
/** Missed alerts fetched after a reconnect: at most this many pages of 100. */
const MISSED_PAGES = 5;
const MISSED_PAGE_SIZE = 100;

/**
 * The recent alerts of each camera, newest first: the first few from REST, then live from the
 * socket. After the socket comes back from a drop, the alerts recorded since the newest one
 * seen are fetched over REST, so a tile never silently misses an alert.
 */
@Injectable({ providedIn: 'root' })
export class AlertFeed {
  private readonly api = inject(AlertApi);
  private readonly notifier = inject(Notifier);

  private readonly byCamera = signal<ReadonlyMap<string, readonly Alert[]>>(new Map());
  private readonly requested = new Set<string>();
  /** Newest capture time seen, on the server's clock. */
  private newestSeen: string | null = null;
  /** Before any alert was seen, missed ones are those since the console started (browser clock). */
  private readonly sessionStart = new Date().toISOString();

  constructor() {
    const realtime = inject(RealtimeClient);
    realtime.alerts.pipe(takeUntilDestroyed()).subscribe((alert) => this.add([alert]));
    realtime.alertUpdates.pipe(takeUntilDestroyed()).subscribe((alert) => this.replace(alert));
    realtime.reconnected.pipe(takeUntilDestroyed()).subscribe(() => this.catchUp());
  }

  /** The recent alerts of one camera, newest first (reactive: read it in a template or computed). */
  recent(cameraId: string): readonly Alert[] {
    return this.byCamera().get(cameraId) ?? [];
  }

  /** Fetches a camera's latest alerts once; live ones are added whether or not this ran. */
  load(cameraId: string): void {
    if (this.requested.has(cameraId)) return;
    this.requested.add(cameraId);
    this.api.list({ cameraId, limit: RECENT_PER_CAMERA }).subscribe({
      next: (page) => this.add(page.items),
      // The tile simply starts empty; live alerts still arrive. Allow a later retry.
      error: () => this.requested.delete(cameraId),
    });
  }

  private catchUp(): void {
    this.missedSince(this.newestSeen ?? this.sessionStart).subscribe({
      next: (alerts) => {
        const added = this.add(alerts);
        if (added > 0) this.notifier.info(`${added} ${added === 1 ? 'alert' : 'alerts'} arrived while disconnected`);
      },
      error: (error: unknown) => this.notifier.error('Could not fetch the alerts missed while disconnected', error),
    });
  }

  /** Every alert from `from` on (inclusive, so the newest seen comes back and is skipped). */
  private missedSince(from: string): Observable<Alert[]> {
    const fetch = (page: number) => this.api.list({ from, page, limit: MISSED_PAGE_SIZE });
    return fetch(1).pipe(
      expand((result) =>
        result.page < MISSED_PAGES && result.page * result.limit < result.total ? fetch(result.page + 1) : EMPTY,
      ),
      map((result) => result.items),
      reduce((all, items) => all.concat(items), [] as Alert[]),
    );
  }

  /** Takes the new version of an alert already listed (a corrected identity, a stored clip). */
  private replace(alert: Alert): void {
    const list = this.byCamera().get(alert.cameraId);
    if (!list?.some((known) => known.alertId === alert.alertId)) return;
    const next = new Map(this.byCamera());
    next.set(alert.cameraId, list.map((known) => (known.alertId === alert.alertId ? alert : known)));
    this.byCamera.set(next);
  }

  /** Merges alerts into the per-camera lists; returns how many were new. */
  private add(alerts: readonly Alert[]): number {
    let added = 0;
    const next = new Map(this.byCamera());
    for (const alert of alerts) {
      const list = next.get(alert.cameraId) ?? [];
      if (list.some((known) => known.alertId === alert.alertId)) continue;
      next.set(alert.cameraId, [...list, alert].sort(newestFirst).slice(0, RECENT_PER_CAMERA));
      if (!this.newestSeen || Date.parse(alert.timestamp) > Date.parse(this.newestSeen)) this.newestSeen = alert.timestamp;
      added++;
    }
    if (added > 0) this.byCamera.set(next);
    return added;
  }
}
