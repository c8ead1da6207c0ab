import { DatePipe, DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, linkedSignal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { CurrentUser } from '../auth/current-user';
import { Camera } from '../cameras/camera';
import { CameraApi } from '../cameras/camera-api';
import { managesPeople } from '../people/people-guard';
import { Person } from '../people/people-types';
import { PersonPicker } from '../people/person-picker';
import { RealtimeClient } from '../realtime/realtime-client';
import { Notifier } from '../shared/notifier';
import { Alert, AlertPage, objectName } from './alert';
import { AlertApi, AlertQuery } from './alert-api';
import { AlertIdentityLabel } from './alert-identity';
import { dayRange } from './alert-range';
import { IdentityDialog } from './identity-dialog';
import { SnapshotViewer } from './snapshot-viewer';

type TableState = { kind: 'loading' } | { kind: 'loaded'; page: AlertPage } | { kind: 'failed' };

/**
 * Every alert the user may see, paged by the server, filtered by camera, day range and who was
 * seen; an alert's changes (`alert_updated`) show in place. Admins and operators correct a wrong
 * match ("Not this person?").
 */
@Component({
  selector: 'app-alerts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [provideNativeDateAdapter()],
  imports: [
    DatePipe,
    DecimalPipe,
    PercentPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    PersonPicker,
  ],
  templateUrl: './alerts-page.html',
})
export class AlertsPage {
  /** `?alert=<id>` (a notification's link): that alert's snapshot opens. */
  readonly alert = input<string>();
  private readonly api = inject(AlertApi);
  private readonly snapshots = inject(SnapshotViewer);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly identity = inject(AlertIdentityLabel);
  private readonly me = inject(CurrentUser).user;
  /** Admins and operators manage people: they filter by person and correct matches. */
  protected readonly managesPeople = computed(() => managesPeople(this.me()));

  protected readonly columns = ['snapshot', 'timestamp', 'camera', 'who', 'zones', 'faces', 'score'];
  protected readonly filters = new FormGroup({
    cameraId: new FormControl('', { nonNullable: true }),
    start: new FormControl<Date | null>(null),
    end: new FormControl<Date | null>(null),
    unknown: new FormControl(false, { nonNullable: true }),
  });
  /** The person whose alerts are shown; null: anyone. */
  protected readonly person = signal<Person | null>(null);

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
    effect(() => {
      const alertId = this.alert();
      if (!alertId) return;
      untracked(() =>
        this.api.get(alertId).subscribe({
          next: (alert) => this.open(alert),
          error: (error: unknown) => this.notifier.error('Could not open the alert', error),
        }),
      );
    });
    this.filters.valueChanges.subscribe(() => this.applyFilters());
    inject(RealtimeClient)
      .alertUpdates.pipe(takeUntilDestroyed())
      .subscribe((alert) => this.replace(alert));
  }

  protected cameraName(cameraId: string): string {
    return this.names().get(cameraId) ?? 'Unknown camera';
  }

  protected readonly objectName = objectName;

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

  protected pickPerson(person: Person | null): void {
    this.person.set(person);
    // One person, or the strangers: not both.
    if (person) this.filters.controls.unknown.setValue(false, { emitEvent: false });
    this.applyFilters();
  }

  protected clearFilters(): void {
    this.person.set(null);
    this.filters.reset();
  }

  /** "Not this person?": the corrected alert replaces the row. */
  protected correct(alert: Alert): void {
    this.dialog
      .open<IdentityDialog, Alert, Alert>(IdentityDialog, { data: alert, width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((fixed): fixed is Alert => !!fixed))
      .subscribe((fixed) => {
        this.replace(fixed);
        this.notifier.info(fixed.person ? `Now ${fixed.person.name}` : 'Marked as nobody known');
      });
  }

  private replace(alert: Alert): void {
    this.page.update((page) => page && { ...page, items: page.items.map((known) => (known.alertId === alert.alertId ? alert : known)) });
  }

  private applyFilters(): void {
    const { cameraId, start, end, unknown } = this.filters.getRawValue();
    if (unknown) this.person.set(null);
    const personId = this.person()?.id;
    this.query.update((query) => ({
      page: 1,
      limit: query.limit,
      cameraId: cameraId || undefined,
      ...dayRange(start, end),
      personId,
      unknown: unknown || undefined,
    }));
  }
}
