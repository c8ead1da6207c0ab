import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatListModule, MatSelectionListChange } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { UserApi, UserDirectoryEntry } from '../../users/user-api';
import { apiErrorMessages } from '../../shared/api-error';
import { Camera } from '../camera';
import { CameraApi } from '../camera-api';

/**
 * Who besides the owner (and admins) may view a camera, picked by name from the user directory
 * (`GET /api/users/directory`, open to operators and admins). Viewers already on the list whom the
 * directory no longer knows (deleted users) are shown by id so they can be removed.
 */
@Component({
  selector: 'app-camera-viewers-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, MatListModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Viewers of {{ camera.name }}</h2>
    <mat-dialog-content>
      <p class="mt-0">Viewers see this camera, its live view and its alerts, and change nothing.</p>
      @if (users(); as users) {
        <mat-selection-list aria-label="Viewers" (selectionChange)="pick($event)">
          @for (user of users; track user.id) {
            <mat-list-option [value]="user.id" [selected]="selected().includes(user.id)">
              {{ user.username }} <span class="text-[var(--mat-sys-on-surface-variant)]">({{ user.role }})</span>
            </mat-list-option>
          } @empty {
            <p>There are no other users yet. An admin creates them on the Users page.</p>
          }
        </mat-selection-list>
      } @else {
        <mat-progress-bar mode="indeterminate" aria-label="Loading users" />
      }
      @if (errors().length) {
        <ul role="alert" class="mb-0 mt-4 pl-5 text-[var(--mat-sys-error)]">
          @for (message of errors(); track message) {
            <li>{{ message }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [disabled]="busy() || users() === null" (click)="save()">Save</button>
    </mat-dialog-actions>
  `,
})
export class CameraViewersDialog {
  private readonly api = inject(CameraApi);
  private readonly ref = inject<MatDialogRef<CameraViewersDialog, Camera>>(MatDialogRef);
  protected readonly camera = inject<Camera>(MAT_DIALOG_DATA);

  protected readonly selected = signal<string[]>(this.camera.viewerIds ?? []);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  private readonly directory = signal<UserDirectoryEntry[] | null>(null);
  /** The owner and admins see the camera anyway; unknown listed ids stay visible to be removed. */
  protected readonly users = computed(() => {
    const all = this.directory();
    if (all === null) return null;
    const known = new Set(all.map((u) => u.id));
    const gone = this.selected()
      .filter((id) => !known.has(id))
      .map((id): UserDirectoryEntry => ({ id, username: id, role: 'viewer' }));
    return [...all.filter((u) => u.id !== this.camera.ownerId && u.role !== 'admin'), ...gone];
  });

  constructor() {
    inject(UserApi)
      .directory()
      .subscribe({
        next: (list) => this.directory.set(list),
        error: (error: unknown) => {
          this.directory.set([]);
          this.errors.set(apiErrorMessages(error));
        },
      });
  }

  protected pick(change: MatSelectionListChange): void {
    this.selected.set(change.source.selectedOptions.selected.map((option) => option.value as string));
  }

  protected save(): void {
    this.busy.set(true);
    this.errors.set([]);
    this.api.setViewers(this.camera.id, this.selected()).subscribe({
      next: (camera) => this.ref.close(camera),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }
}
