import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subscription } from 'rxjs';
import { RealtimeClient } from '../realtime/realtime-client';
import { CameraStateEvent } from '../realtime/realtime-events';
import { Camera } from './camera';
import { CameraApi } from './camera-api';

/** The API's largest page; enough tiles for one screen until the grid gets paging. */
export const CAMERA_PAGE_LIMIT = 100;

export type CameraListState = 'loading' | 'loaded' | 'failed';

/** What the socket adds to a camera: the measured processing rate. */
export interface LiveCamera extends Camera {
  /** Frames per second actually processed; null until the first `camera_state` of a run. */
  measuredFps: number | null;
}

/**
 * The cameras the dashboard shows, kept current from REST answers and `camera_state` events.
 * One instance for the whole console so names are known to toasts on any page.
 */
@Injectable({ providedIn: 'root' })
export class CameraStore {
  private readonly api = inject(CameraApi);
  private readonly items = signal<readonly Camera[]>([]);
  private readonly measured = signal<ReadonlyMap<string, number>>(new Map());
  private readonly listState = signal<CameraListState>('loading');
  private readonly totalCount = signal(0);
  private request?: Subscription;
  private enabledFilter?: boolean;

  readonly state = this.listState.asReadonly();
  readonly total = this.totalCount.asReadonly();
  readonly cameras = computed<LiveCamera[]>(() => {
    const measured = this.measured();
    return this.items().map((camera) => ({ ...camera, measuredFps: measured.get(camera.id) ?? null }));
  });

  constructor() {
    inject(RealtimeClient)
      .cameraStates.pipe(takeUntilDestroyed())
      .subscribe((event) => this.applyState(event));
  }

  /** Loads the first page, optionally only enabled or only disabled cameras. */
  load(enabled?: boolean): void {
    this.request?.unsubscribe();
    this.enabledFilter = enabled;
    this.listState.set('loading');
    this.request = this.api.list({ page: 1, limit: CAMERA_PAGE_LIMIT, enabled }).subscribe({
      next: (page) => {
        this.items.set(page.items);
        this.totalCount.set(page.total);
        this.listState.set('loaded');
      },
      // A 401 is already handled by the interceptor; anything else is shown by the page.
      error: () => this.listState.set('failed'),
    });
  }

  name(cameraId: string): string | undefined {
    return this.items().find((camera) => camera.id === cameraId)?.name;
  }

  /** Takes a camera from an API answer (created, changed, started…). */
  upsert(camera: Camera): void {
    // A camera that no longer matches the enabled filter leaves the list.
    if (this.enabledFilter !== undefined && camera.enabled !== this.enabledFilter) {
      this.remove(camera.id);
      return;
    }
    const list = this.items();
    const index = list.findIndex((known) => known.id === camera.id);
    if (index < 0) {
      this.items.set([...list, camera]);
      this.totalCount.update((total) => total + 1);
    } else {
      this.items.set(list.map((known, i) => (i === index ? camera : known)));
    }
  }

  remove(cameraId: string): void {
    if (!this.items().some((camera) => camera.id === cameraId)) return;
    this.items.update((list) => list.filter((camera) => camera.id !== cameraId));
    this.totalCount.update((total) => Math.max(0, total - 1));
  }

  private applyState(event: CameraStateEvent): void {
    const list = this.items();
    if (!list.some((camera) => camera.id === event.cameraId)) return;
    this.items.set(
      list.map((camera) =>
        camera.id === event.cameraId ? { ...camera, status: event.status, error: event.status === 'error' ? event.error : undefined } : camera,
      ),
    );
    const measured = new Map(this.measured());
    if (event.status === 'running' || event.status === 'starting') measured.set(event.cameraId, event.fps);
    else measured.delete(event.cameraId);
    this.measured.set(measured);
  }
}
