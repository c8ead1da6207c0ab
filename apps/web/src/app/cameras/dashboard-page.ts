import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BehaviorSubject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { Page } from '../shared/page';
import { Camera } from './camera';
import { CameraApi } from './camera-api';
import { CameraCard } from './camera-card';

type ListState = { kind: 'loading' } | { kind: 'loaded'; page: Page<Camera> } | { kind: 'failed' };

/** The API's largest page; enough tiles for one screen until the grid gets paging. */
const PAGE_LIMIT = 100;

@Component({
  selector: 'app-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule, CameraCard],
  templateUrl: './dashboard-page.html',
})
export class DashboardPage {
  private readonly api = inject(CameraApi);
  private readonly reloads = new BehaviorSubject<void>(undefined);

  private readonly state = toSignal(
    this.reloads.pipe(
      switchMap(() =>
        this.api.list({ page: 1, limit: PAGE_LIMIT }).pipe(
          map((page): ListState => ({ kind: 'loaded', page })),
          // A 401 is already handled by the interceptor; anything else is shown here.
          catchError(() => of<ListState>({ kind: 'failed' })),
          startWith<ListState>({ kind: 'loading' }),
        ),
      ),
    ),
    { requireSync: true },
  );

  protected readonly loading = computed(() => this.state().kind === 'loading');
  protected readonly failed = computed(() => this.state().kind === 'failed');
  protected readonly page = computed(() => {
    const state = this.state();
    return state.kind === 'loaded' ? state.page : null;
  });

  protected reload(): void {
    this.reloads.next();
  }
}
