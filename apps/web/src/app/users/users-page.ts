import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { filter, switchMap } from 'rxjs';
import { CurrentUser } from '../auth/current-user';
import { USER_ROLES, User, UserRole } from '../auth/user';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import { Notifier } from '../shared/notifier';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserApi } from './user-api';
import { UserCreateDialog } from './user-create-dialog';

/** Admins manage accounts: create, change role, reset password, delete. */
@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatSelectModule, MatTableModule, MatTooltipModule],
  templateUrl: './users-page.html',
})
export class UsersPage {
  private readonly api = inject(UserApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly me = inject(CurrentUser).user;

  protected readonly roles = USER_ROLES;
  protected readonly columns = ['username', 'role', 'createdAt', 'actions'];
  protected readonly users = signal<User[] | null>(null);
  protected readonly failed = signal(false);
  /** Rows survive a changed user object, so an open role select is not torn down. */
  protected readonly byId = (_index: number, user: User) => user.id;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.failed.set(false);
    this.api.list().subscribe({
      next: (users) => this.users.set(users),
      error: () => this.failed.set(true),
    });
  }

  protected add(): void {
    this.dialog
      .open<UserCreateDialog, void, User>(UserCreateDialog, { width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((user): user is User => !!user))
      .subscribe((user) => {
        this.users.update((users) => [...(users ?? []), user]);
        this.notifier.info(`Added ${user.username}`);
      });
  }

  protected changeRole(user: User, change: MatSelectChange): void {
    const role = change.value as UserRole;
    this.api.update(user.id, { role }).subscribe({
      next: (saved) => {
        this.replace(saved);
        this.notifier.info(`${saved.username} is now ${saved.role === 'viewer' ? 'a' : 'an'} ${saved.role}`);
      },
      error: (error: unknown) => {
        change.source.value = user.role;
        this.notifier.error(`Could not change the role of ${user.username}`, error);
      },
    });
  }

  protected resetPassword(user: User): void {
    this.dialog
      .open<ResetPasswordDialog, User, boolean>(ResetPasswordDialog, { data: user, width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((done) => done === true))
      .subscribe(() => this.notifier.info(`Password of ${user.username} reset`));
  }

  protected remove(user: User): void {
    this.dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
        data: {
          title: `Delete ${user.username}?`,
          message: 'Their cameras pass to you. This cannot be undone.',
          confirm: 'Delete',
        },
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.remove(user.id)),
      )
      .subscribe({
        next: () => {
          this.users.update((users) => (users ?? []).filter((known) => known.id !== user.id));
          this.notifier.info(`Deleted ${user.username}`);
        },
        error: (error: unknown) => this.notifier.error(`Could not delete ${user.username}`, error),
      });
  }

  private replace(user: User): void {
    this.users.update((users) => (users ?? []).map((known) => (known.id === user.id ? user : known)));
  }
}
