import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { catchError, map, of, startWith, switchMap } from 'rxjs';
import { Camera } from '../cameras/camera';
import { CameraApi } from '../cameras/camera-api';
import { Alert, AlertPage } from './alert';
import { AlertApi, AlertQuery } from './alert-api';
import { dayRange } from './alert-range';
import { SnapshotViewer } from './snapshot-viewer';

type TableState = { kind: 'loading' } | { kind: 'loaded'; page: AlertPage } | { kind: 'failed' };

/** Every alert the user may see, paged by the server, filtered by camera and day range. */
@Component({
  selector: 'app-alerts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [provideNativeDateAdapter()],
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
  ],
  templateUrl: './alerts-page.html',
})
export class AlertsPage {
  private readonly api = inject(AlertApi);
  private readonly snapshots = inject(SnapshotViewer);

  protected readonly columns = ['snapshot', 'timestamp', 'camera', 'faces', 'score'];
  protected readonly filters = new FormGroup({
    cameraId: new FormControl('', { nonNullable: true }),
    start: new FormControl<Date | null>(null),
    end: new FormControl<Date | null>(null),
  });

  /** The query the table shows; filters reset it to the first page. */
  protected readonly query = signal<AlertQuery>({ page: 1, limit: 20 });
  private readonly reloads = signal(0);

  protected readonly cameras = toSignal(
    inject(CameraApi)
      .list({ limit: 100 })
      .pipe(
        map((page) => page.items),
        catchError(() => of([] as Camera[])),
      ),
    { initialValue: [] as Camera[] },
  );
  private readonly names = computed(() => new Map(this.cameras().map((camera) => [camera.id, camera.name])));

  private readonly state = toSignal(
    toObservable(computed(() => ({ query: this.query(), reload: this.reloads() }))).pipe(
      switchMap(({ query }) =>
        this.api.list(query).pipe(
          map((page): TableState => ({ kind: 'loaded', page })),
          catchError(() => of<TableState>({ kind: 'failed' })),
          startWith<TableState>({ kind: 'loading' }),
        ),
      ),
    ),
    { initialValue: { kind: 'loading' } as TableState },
  );
  protected readonly loading = computed(() => this.state().kind === 'loading');
  protected readonly failed = computed(() => this.state().kind === 'failed');
  /** The last page shown stays visible while the next one loads. */
  protected readonly page = linkedSignal<TableState, AlertPage | null>({
    source: this.state,
    computation: (state, previous) => (state.kind === 'loaded' ? state.page : state.kind === 'loading' ? (previous?.value ?? null) : null),
  });

  constructor() {
    this.filters.valueChanges.subscribe(() => this.applyFilters());
  }

  protected cameraName(cameraId: string): string {
    return this.names().get(cameraId) ?? 'Unknown camera';
  }

  protected faces(alert: Alert): number {
    return typeof alert.meta.faces === 'number' ? alert.meta.faces : 1;
  }

  protected turnPage(event: PageEvent): void {
    this.query.update((query) => ({ ...query, page: event.pageIndex + 1, limit: event.pageSize }));
  }

  protected open(alert: Alert): void {
    void this.snapshots.open(alert, this.cameraName(alert.cameraId));
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected clearFilters(): void {
    this.filters.reset();
  }

  private applyFilters(): void {
    const { cameraId, start, end } = this.filters.getRawValue();
    this.query.update((query) => ({ page: 1, limit: query.limit, cameraId: cameraId || undefined, ...dayRange(start, end) }));
  }
}
