import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { AccountActions } from './account-actions';
import { PasswordReminder } from './password-reminder';

/** Tells the first-run admin to replace the generated (or environment-given) password. */
@Component({
  selector: 'app-password-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  template: `
    @if (reminder.due()) {
      <div
        role="alert"
        class="flex flex-wrap items-center gap-x-4 gap-y-2 bg-[var(--mat-sys-secondary-container)] px-4 py-2 text-[var(--mat-sys-on-secondary-container)]"
      >
        <mat-icon aria-hidden="true">key</mat-icon>
        <p class="m-0 flex-1">You are using the first-run admin account. Change its password before anyone else can sign in with it.</p>
        <button mat-flat-button type="button" (click)="account.changePassword()">Change password</button>
        <button mat-button type="button" (click)="reminder.dismiss()">Later</button>
      </div>
    }
  `,
})
export class PasswordBanner {
  protected readonly reminder = inject(PasswordReminder);
  protected readonly account = inject(AccountActions);
}
