import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Person } from '../people/people-types';
import { PersonPicker } from '../people/person-picker';
import { apiErrorMessages } from '../shared/api-error';
import { FormErrors } from '../shared/form-errors';
import { Alert } from './alert';
import { AlertApi } from './alert-api';

/**
 * "Not this person?" (or "Name this face" for a stranger): names the right person of an alert, or
 * nobody known; the face joins that person. Closes with the corrected alert.
 */
@Component({
  selector: 'app-identity-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PercentPipe, MatButtonModule, MatDialogModule, PersonPicker, FormErrors],
  template: `
    <h2 mat-dialog-title>Who is this?</h2>
    <mat-dialog-content>
      @if (alert.person; as matched) {
        <p class="mt-0">Recognised as {{ matched.name }} ({{ matched.similarity | percent }} alike).</p>
      }
      <app-person-picker label="The right person" [(person)]="person" />
      <app-form-errors class="mt-2" [messages]="errors()" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      @if (alert.person) {
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="save(null)">Nobody I know</button>
      }
      <button mat-flat-button type="button" [disabled]="busy() || !person()" (click)="save(person()?.id ?? null)">Save</button>
    </mat-dialog-actions>
  `,
})
export class IdentityDialog {
  private readonly api = inject(AlertApi);
  private readonly ref = inject<MatDialogRef<IdentityDialog, Alert>>(MatDialogRef);
  protected readonly alert = inject<Alert>(MAT_DIALOG_DATA);

  protected readonly person = signal<Person | null>(null);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected save(personId: string | null): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.errors.set([]);
    this.api.correctIdentity(this.alert.alertId, personId).subscribe({
      next: (alert) => this.ref.close(alert),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }
}
