import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { filter, switchMap, tap } from 'rxjs';
import { CameraStore } from '../cameras/camera-store';
import { Person, UnknownGroup, unknownLabel } from '../people/people-types';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { pagedList } from '../shared/paged-list';
import { Notifier } from '../shared/notifier';
import { AssignData, AssignDialog } from './assign-dialog';
import { UnknownNumbers } from './unknown-numbers';
import { UnknownsApi } from './unknowns-api';

const PAGE_SIZE = 20;

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

  private readonly list = pagedList(this.query, this.reloads, (query: { page: number; limit: number }) =>
    this.api.list(query).pipe(tap((page) => this.numbers.remember(page.items))),
  );
  protected readonly loading = this.list.loading;
  protected readonly failed = this.list.failed;
  protected readonly page = this.list.page;

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
    if (this.renewed || this.list.state().kind !== 'loaded') return;
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
