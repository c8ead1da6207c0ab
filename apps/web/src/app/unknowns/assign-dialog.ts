import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PERSON_NAME_MAX } from '../people/person-dialog';
import { Person, UnknownAssignment, UnknownGroup } from '../people/people-types';
import { PersonPicker } from '../people/person-picker';
import { apiErrorMessages } from '../shared/api-error';
import { FormErrors } from '../shared/form-errors';
import { UnknownsApi } from './unknowns-api';

export interface AssignData {
  group: UnknownGroup;
  /** "Unknown #n". */
  label: string;
}

/** Names an unknown group: its faces join a known person or a new one; closes with that person. */
@Component({
  selector: 'app-assign-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatDialogModule, MatFormFieldModule, MatInputModule, PersonPicker, FormErrors],
  template: `
    <h2 mat-dialog-title>Who is {{ data.label }}?</h2>
    <form novalidate [formGroup]="form" (ngSubmit)="save()">
      <mat-dialog-content>
        <mat-button-toggle-group
          class="mb-4"
          hideSingleSelectionIndicator
          aria-label="Assign to"
          [value]="mode()"
          (change)="mode.set($event.value)"
        >
          <mat-button-toggle value="existing">Someone known</mat-button-toggle>
          <mat-button-toggle value="new">A new person</mat-button-toggle>
        </mat-button-toggle-group>
        @if (mode() === 'existing') {
          <app-person-picker label="Person" [(person)]="person" />
        } @else {
          <mat-form-field class="w-full">
            <mat-label>Name</mat-label>
            <input matInput autocomplete="off" required formControlName="name" [attr.maxlength]="nameMax" />
            <mat-error>Give a name of up to {{ nameMax }} characters</mat-error>
          </mat-form-field>
        }
        <app-form-errors class="mt-2" [messages]="errors()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy() || (mode() === 'existing' && !person())">Assign</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class AssignDialog {
  private readonly api = inject(UnknownsApi);
  private readonly ref = inject<MatDialogRef<AssignDialog, Person>>(MatDialogRef);
  protected readonly data = inject<AssignData>(MAT_DIALOG_DATA);

  protected readonly nameMax = PERSON_NAME_MAX;
  protected readonly mode = signal<'existing' | 'new'>('existing');
  protected readonly person = signal<Person | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(PERSON_NAME_MAX), Validators.pattern(/\S/)],
    }),
  });
  private readonly name = this.form.controls.name;
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected save(): void {
    if (this.busy()) return;
    let to: UnknownAssignment;
    if (this.mode() === 'existing') {
      const person = this.person();
      if (!person) return;
      to = { personId: person.id };
    } else {
      if (this.name.invalid) {
        this.name.markAsTouched();
        return;
      }
      to = { name: this.name.value.trim() };
    }
    this.busy.set(true);
    this.errors.set([]);
    this.api.assign(this.data.group.id, to).subscribe({
      next: (person) => this.ref.close(person),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }
}
