import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subscription } from 'rxjs';
import { RealtimeClient } from '../realtime/realtime-client';
import { CameraStateEvent } from '../realtime/realtime-events';
import { Notifier } from '../shared/notifier';
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
 * The cameras the dashboard shows, kept current from REST answers and `camera_state` events, and
 * reloaded when the socket comes back from a drop (states changed meanwhile were never sent).
 * A camera that fails is announced in a toast, once per failure.
 * One instance for the whole console so names are known to toasts on any page.
 */
@Injectable({ providedIn: 'root' })
export class CameraStore {
  private readonly api = inject(CameraApi);
  private readonly notifier = inject(Notifier);
  private readonly items = signal<readonly Camera[]>([]);
  private readonly measured = signal<ReadonlyMap<string, number>>(new Map());
  private readonly listState = signal<CameraListState>('loading');
  private readonly totalCount = signal(0);
  private request?: Subscription;
  private enabledFilter?: boolean;
  /** Whether a list was asked for (only then is there anything to reload after a reconnect). */
  private requested = false;

  readonly state = this.listState.asReadonly();
  readonly total = this.totalCount.asReadonly();
  readonly cameras = computed<LiveCamera[]>(() => {
    const measured = this.measured();
    return this.items().map((camera) => ({ ...camera, measuredFps: measured.get(camera.id) ?? null }));
  });

  constructor() {
    const realtime = inject(RealtimeClient);
    realtime.cameraStates.pipe(takeUntilDestroyed()).subscribe((event) => this.applyState(event));
    realtime.reconnected.pipe(takeUntilDestroyed()).subscribe(() => this.reload());
  }

  /** Loads the first page, optionally only enabled or only disabled cameras. */
  load(enabled?: boolean): void {
    this.enabledFilter = enabled;
    this.requested = true;
    this.fetch(false);
  }

  /**
   * Fetches the list again with the same filter, in place: the grid stays while the answer is on
   * its way, and a camera found failed is announced.
   */
  private reload(): void {
    if (!this.requested) return;
    this.fetch(this.listState() === 'loaded');
  }

  private fetch(inPlace: boolean): void {
    this.request?.unsubscribe();
    if (!inPlace) this.listState.set('loading');
    this.request = this.api.list({ page: 1, limit: CAMERA_PAGE_LIMIT, enabled: this.enabledFilter }).subscribe({
      next: (page) => {
        if (inPlace) this.announceFailures(page.items);
        this.items.set(page.items);
        this.totalCount.set(page.total);
        this.listState.set('loaded');
        this.forgetRatesOfIdle();
      },
      error: (error: unknown) => {
        // A 401 is already handled by the interceptor; anything else is shown by the page, or,
        // when the shown list merely could not be refreshed, in a toast.
        if (inPlace) {
          if (!(error instanceof HttpErrorResponse && error.status === 401)) this.notifier.error('Could not reload the cameras', error);
        } else {
          this.listState.set('failed');
        }
      },
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
    const known = list.find((camera) => camera.id === event.cameraId);
    if (!known) return;
    // Only the change into error is announced, not each state report that follows it.
    if (event.status === 'error' && known.status !== 'error') this.announceFailure(known.name, event.error);
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

  /** Toasts for the cameras of a fresh list that failed since the shown one. */
  private announceFailures(fresh: readonly Camera[]): void {
    const before = new Map(this.items().map((camera) => [camera.id, camera.status]));
    for (const camera of fresh) {
      if (camera.status === 'error' && before.has(camera.id) && before.get(camera.id) !== 'error') this.announceFailure(camera.name, camera.error);
    }
  }

  private announceFailure(name: string, reason: string | undefined): void {
    this.notifier.warn(`${name} stopped with an error: ${reason || 'unknown reason'}`);
  }

  /** Measured rates belong to running cameras only: a listed camera found idle loses its rate. */
  private forgetRatesOfIdle(): void {
    const idle = new Set(this.items().filter((camera) => camera.status !== 'running' && camera.status !== 'starting').map((camera) => camera.id));
    const measured = this.measured();
    if (![...measured.keys()].some((id) => idle.has(id))) return;
    this.measured.set(new Map([...measured].filter(([id]) => !idle.has(id))));
  }
}
