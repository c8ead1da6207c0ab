import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { filter } from 'rxjs';
import { CurrentUser } from '../auth/current-user';
import { Notifier } from '../shared/notifier';
import { PasswordReminder } from './password-reminder';

/** The signed-in user's own account: changing the password, notifications on this device. */
@Injectable({ providedIn: 'root' })
export class AccountActions {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly reminder = inject(PasswordReminder);
  private readonly currentUser = inject(CurrentUser);

  /** The dialog is loaded on first use, keeping it out of the initial download. */
  async changePassword(): Promise<void> {
    const { ChangePasswordDialog } = await import('./change-password-dialog');
    this.dialog
      .open<InstanceType<typeof ChangePasswordDialog>, void, boolean>(ChangePasswordDialog, { width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((done) => done === true))
      .subscribe(() => {
        const user = this.currentUser.user();
        if (user) this.reminder.markChanged(user.id);
        this.notifier.info('Password changed');
      });
  }

  /** Web Push to this browser, with filters; the dialog says what came of it. */
  async notifyThisDevice(): Promise<void> {
    const { NotifyDeviceDialog } = await import('../notifications/notify-device-dialog');
    this.dialog
      .open<InstanceType<typeof NotifyDeviceDialog>, void, string>(NotifyDeviceDialog, { width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((message): message is string => typeof message === 'string'))
      .subscribe((message) => this.notifier.info(message));
  }
}
