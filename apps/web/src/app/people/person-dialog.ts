import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { apiErrorMessages } from '../shared/api-error';
import { FormErrors } from '../shared/form-errors';
import { PeopleApi } from './people-api';
import { Person } from './people-types';

/** The longest name the console lets through; the API has the last word on names. */
export const PERSON_NAME_MAX = 100;

/** Adds a person, or renames one (`data`: the person); closes with the saved person. */
@Component({
  selector: 'app-person-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, FormErrors],
  template: `
    <h2 mat-dialog-title>{{ editing ? 'Edit ' + editing.name : 'Add person' }}</h2>
    <form novalidate [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <div class="flex flex-col gap-2">
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" autocomplete="off" required [attr.maxlength]="nameMax" />
            <mat-error>Give a name of up to {{ nameMax }} characters</mat-error>
          </mat-form-field>
          <mat-slide-toggle formControlName="alert">Watched: alert whenever they are seen</mat-slide-toggle>
          <p class="m-0 text-sm text-[var(--mat-sys-on-surface-variant)]">Off: trusted, seeing them raises no alert.</p>
          <app-form-errors [messages]="errors()" />
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ editing ? 'Save' : 'Add' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class PersonDialog {
  private readonly api = inject(PeopleApi);
  private readonly ref = inject<MatDialogRef<PersonDialog, Person>>(MatDialogRef);
  protected readonly editing = inject<Person | null>(MAT_DIALOG_DATA, { optional: true });

  protected readonly nameMax = PERSON_NAME_MAX;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.editing?.name ?? '', [Validators.required, Validators.maxLength(PERSON_NAME_MAX), Validators.pattern(/\S/)]],
    alert: [this.editing?.alert ?? false],
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
    const { name, alert } = this.form.getRawValue();
    const request = this.editing ? this.api.update(this.editing.id, { name: name.trim(), alert }) : this.api.create({ name: name.trim(), alert });
    request.subscribe({
      next: (person) => this.ref.close(person),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }
}
