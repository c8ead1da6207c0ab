import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { debounceTime, filter } from 'rxjs';
import { pagedList } from '../shared/paged-list';
import { Notifier } from '../shared/notifier';
import { PeopleApi } from './people-api';
import { removePerson } from './person-removal';
import { Person, PersonQuery } from './people-types';
import { PersonDialog } from './person-dialog';
import { RecognizeDialog } from './recognize-dialog';

/** The search box waits this long after the last key before asking the API. */
export const PEOPLE_SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZE = 20;

/** Admins and operators manage the people Argus knows: search, add, rename, trusted or watched, delete. */
@Component({
  selector: 'app-people-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTableModule,
    MatTooltipModule,
  ],
  templateUrl: './people-page.html',
})
export class PeoplePage {
  private readonly api = inject(PeopleApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly columns = ['name', 'faces', 'alert', 'actions'];
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly query = signal<PersonQuery>({ page: 1, limit: PAGE_SIZE });
  private readonly reloads = signal(0);

  private readonly list = pagedList(this.query, this.reloads, (query) => this.api.list(query));
  protected readonly loading = this.list.loading;
  protected readonly failed = this.list.failed;
  /** The last page shown stays while the next one loads, and takes local changes. */
  protected readonly page = this.list.page;

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(PEOPLE_SEARCH_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe((q) => this.query.update((query) => ({ page: 1, limit: query.limit, q: q.trim() || undefined })));
  }

  protected turnPage(event: PageEvent): void {
    this.query.update((query) => ({ ...query, page: event.pageIndex + 1, limit: event.pageSize }));
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected add(): void {
    this.dialog
      .open<PersonDialog, null, Person>(PersonDialog, { data: null, width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((person): person is Person => !!person))
      .subscribe((person) => {
        this.notifier.info(`Added ${person.name}`);
        this.reload();
      });
  }

  protected recognize(): void {
    this.dialog.open(RecognizeDialog, { width: '720px', maxWidth: '95vw' });
  }

  protected edit(person: Person): void {
    this.dialog
      .open<PersonDialog, Person, Person>(PersonDialog, { data: person, width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((saved): saved is Person => !!saved))
      .subscribe((saved) => {
        this.replace(saved);
        this.notifier.info(`Saved ${saved.name}`);
      });
  }

  protected setWatched(person: Person, change: MatSlideToggleChange): void {
    this.api.update(person.id, { alert: change.checked }).subscribe({
      next: (saved) => {
        this.replace(saved);
        this.notifier.info(saved.alert ? `${saved.name} is watched: seeing them always alerts` : `${saved.name} is trusted: seeing them raises no alert`);
      },
      error: (error: unknown) => {
        change.source.checked = person.alert;
        this.notifier.error(`Could not change ${person.name}`, error);
      },
    });
  }

  protected remove(person: Person): void {
    removePerson({ dialog: this.dialog, api: this.api, notifier: this.notifier }, person, () => this.reload());
  }

  private replace(person: Person): void {
    this.page.update((page) => page && { ...page, items: page.items.map((known) => (known.id === person.id ? person : known)) });
  }
}
