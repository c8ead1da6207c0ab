import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { User } from '../auth/user';
import { apiErrorMessages } from '../shared/api-error';
import { UserApi } from './user-api';
import { PASSWORD_MAX, PASSWORD_MIN } from './user-create-dialog';
import { FormErrors } from '../shared/form-errors';

/** An admin sets a new password for a user; closes with true once the API accepted it. */
@Component({
  selector: 'app-reset-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Reset the password of {{ user.username }}</h2>
    <form novalidate [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <div class="flex flex-col">
          <mat-form-field>
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-error>At least {{ passwordMin }} characters</mat-error>
          </mat-form-field>
          <app-form-errors [messages]="errors()" />
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Reset password</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ResetPasswordDialog {
  private readonly api = inject(UserApi);
  private readonly ref = inject<MatDialogRef<ResetPasswordDialog, boolean>>(MatDialogRef);
  protected readonly user = inject<User>(MAT_DIALOG_DATA);

  protected readonly passwordMin = PASSWORD_MIN;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN), Validators.maxLength(PASSWORD_MAX)]],
  });
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected save(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.api.update(this.user.id, { password: this.form.getRawValue().password }).subscribe({
      next: () => this.ref.close(true),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }
}
