import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { USER_ROLES, User, UserRole } from '../auth/user';
import { apiErrorMessages } from '../shared/api-error';
import { UserApi } from './user-api';
import { FormErrors } from '../shared/form-errors';

/** Same rules as the API: 3–64 of letters, digits, `. _ @ -`; passwords of 8–256 characters. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{3,64}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Creates a user (admins); closes with the new user. */
@Component({
  selector: 'app-user-create-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Add user</h2>
    <form novalidate [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <div class="flex flex-col">
          <mat-form-field>
            <mat-label>Username</mat-label>
            <input matInput formControlName="username" autocomplete="off" required />
            <mat-hint>3–64 letters, digits, . _ &#64; -</mat-hint>
            <mat-error>Use 3–64 letters, digits, . _ &#64; -</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-error>At least {{ passwordMin }} characters</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Role</mat-label>
            <mat-select formControlName="role">
              @for (role of roles; track role) {
                <mat-option [value]="role">{{ role }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <app-form-errors [messages]="errors()" />
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Add</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class UserCreateDialog {
  private readonly api = inject(UserApi);
  private readonly ref = inject<MatDialogRef<UserCreateDialog, User>>(MatDialogRef);

  protected readonly roles = USER_ROLES;
  protected readonly passwordMin = PASSWORD_MIN;
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN), Validators.maxLength(PASSWORD_MAX)]],
    role: ['viewer' as UserRole],
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
    this.api.create(this.form.getRawValue()).subscribe({
      next: (user) => this.ref.close(user),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }
}
