import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { catchError, filter, map, of, startWith, switchMap, tap } from 'rxjs';
import { CameraStore } from '../cameras/camera-store';
import { Person, UnknownGroup, UnknownGroupPage, unknownLabel } from '../people/people-types';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { Notifier } from '../shared/notifier';
import { AssignData, AssignDialog } from './assign-dialog';
import { UnknownNumbers } from './unknown-numbers';
import { UnknownsApi } from './unknowns-api';

const PAGE_SIZE = 20;

type ListState = { kind: 'loading' } | { kind: 'loaded'; page: UnknownGroupPage } | { kind: 'failed' };

/** "Who is this?": faces that matched nobody, grouped per stranger; name them, or dismiss them. */
@Component({
  selector: 'app-unknowns-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, MatPaginatorModule, MatProgressBarModule],
  templateUrl: './unknowns-page.html',
})
export class UnknownsPage {
  private readonly api = inject(UnknownsApi);
  private readonly cameras = inject(CameraStore);
  private readonly numbers = inject(UnknownNumbers);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly query = signal({ page: 1, limit: PAGE_SIZE });
  private readonly reloads = signal(0);
  /** Sample links are signed and expire: one that no longer loads has the page fetched again, once until the user asks again. */
  private renewed = false;

  private readonly state = toSignal(
    toObservable(computed(() => ({ query: this.query(), reload: this.reloads() }))).pipe(
      switchMap(({ query }) =>
        this.api.list(query).pipe(
          tap((page) => this.numbers.remember(page.items)),
          map((page): ListState => ({ kind: 'loaded', page })),
          catchError(() => of<ListState>({ kind: 'failed' })),
          startWith<ListState>({ kind: 'loading' }),
        ),
      ),
    ),
    { initialValue: { kind: 'loading' } as ListState },
  );
  protected readonly loading = computed(() => this.state().kind === 'loading');
  protected readonly failed = computed(() => this.state().kind === 'failed');
  protected readonly page = linkedSignal<ListState, UnknownGroupPage | null>({
    source: this.state,
    computation: (state, previous) => (state.kind === 'loaded' ? state.page : state.kind === 'loading' ? (previous?.value ?? null) : null),
  });

  constructor() {
    // Camera names come from the console's camera list; fetch it if no page has yet.
    if (this.cameras.state() !== 'loaded') this.cameras.load();
  }

  protected label(group: UnknownGroup): string {
    return unknownLabel(group.id, group.number);
  }

  protected cameraNames(group: UnknownGroup): string {
    return group.cameraIds.map((id) => this.cameras.name(id) ?? 'an unlisted camera').join(', ');
  }

  protected turnPage(event: PageEvent): void {
    this.renewed = false;
    this.query.set({ page: event.pageIndex + 1, limit: event.pageSize });
  }

  protected renewSamples(): void {
    if (this.renewed || this.state().kind !== 'loaded') return;
    this.renewed = true;
    this.reloads.update((n) => n + 1);
  }

  protected reload(): void {
    this.renewed = false;
    this.reloads.update((n) => n + 1);
  }

  protected assign(group: UnknownGroup): void {
    this.dialog
      .open<AssignDialog, AssignData, Person>(AssignDialog, { data: { group, label: this.label(group) }, width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((person): person is Person => !!person))
      .subscribe((person) => {
        this.drop(group);
        this.notifier.info(`${this.label(group)} is now ${person.name}`);
      });
  }

  protected dismiss(group: UnknownGroup): void {
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
        data: {
          title: `Dismiss ${this.label(group)}?`,
          message: 'Their face crops are deleted. If they are seen again they start a new group.',
          confirm: 'Dismiss',
        },
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.dismiss(group.id)),
      )
      .subscribe({
        next: () => {
          this.drop(group);
          this.notifier.info(`Dismissed ${this.label(group)}`);
        },
        error: (error: unknown) => this.notifier.error(`Could not dismiss ${this.label(group)}`, error),
      });
  }

  /** The group leaves the page shown; the count follows. */
  private drop(group: UnknownGroup): void {
    this.page.update(
      (page) => page && { ...page, total: Math.max(0, page.total - 1), items: page.items.filter((known) => known.id !== group.id) },
    );
  }
}
