import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { apiErrorMessages } from '../shared/api-error';
import { UserApi } from '../users/user-api';
import { PASSWORD_MAX, PASSWORD_MIN } from '../users/user-create-dialog';
import { FormErrors } from '../shared/form-errors';

function sameAsNew(control: AbstractControl): ValidationErrors | null {
  const next = control.parent?.get('newPassword')?.value as string | undefined;
  return control.value === next ? null : { mismatch: true };
}

/** The signed-in user changes their own password; closes with true on success. */
@Component({
  selector: 'app-change-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Change your password</h2>
    <form novalidate [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <div class="flex flex-col">
          <mat-form-field>
            <mat-label>Current password</mat-label>
            <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
            <mat-error>Enter your current password</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-error>At least {{ passwordMin }} characters</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Repeat the new password</mat-label>
            <input matInput type="password" formControlName="repeat" autocomplete="new-password" required />
            <mat-error>The passwords differ</mat-error>
          </mat-form-field>
          <app-form-errors [messages]="errors()" />
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Change password</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ChangePasswordDialog {
  private readonly api = inject(UserApi);
  private readonly ref = inject<MatDialogRef<ChangePasswordDialog, boolean>>(MatDialogRef);

  protected readonly passwordMin = PASSWORD_MIN;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN), Validators.maxLength(PASSWORD_MAX)]],
    repeat: ['', [Validators.required, sameAsNew]],
  });
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected save(): void {
    if (this.busy()) return;
    this.form.controls.repeat.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.busy.set(true);
    this.errors.set([]);
    this.api.changeOwnPassword(currentPassword, newPassword).subscribe({
      next: () => this.ref.close(true),
      error: (error: unknown) => {
        this.busy.set(false);
        const wrong = error instanceof HttpErrorResponse && error.status === 401;
        this.errors.set(wrong ? ['The current password is not right'] : apiErrorMessages(error));
      },
    });
  }
}
