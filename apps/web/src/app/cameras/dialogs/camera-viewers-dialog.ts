import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule, MatSelectionListChange } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CurrentUser } from '../../auth/current-user';
import { User } from '../../auth/user';
import { UserApi } from '../../users/user-api';
import { apiErrorMessages } from '../../shared/api-error';
import { Camera } from '../camera';
import { CameraApi } from '../camera-api';

/**
 * Who besides the owner (and admins) may view a camera. Admins pick from the user list; an
 * operator may not list users (the API answers 403), so they type the user ids they were given.
 */
@Component({
  selector: 'app-camera-viewers-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatChipsModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatListModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>Viewers of {{ camera.name }}</h2>
    <mat-dialog-content>
      <p class="mt-0">Viewers see this camera, its live view and its alerts, and change nothing.</p>
      @if (isAdmin()) {
        @if (users(); as users) {
          <mat-selection-list aria-label="Viewers" (selectionChange)="pick($event)">
            @for (user of users; track user.id) {
              <mat-list-option [value]="user.id" [selected]="selected().includes(user.id)">
                {{ user.username }} <span class="text-[var(--mat-sys-on-surface-variant)]">({{ user.role }})</span>
              </mat-list-option>
            } @empty {
              <p>There are no other users yet.</p>
            }
          </mat-selection-list>
        } @else {
          <mat-progress-bar mode="indeterminate" aria-label="Loading users" />
        }
      } @else {
        <mat-form-field class="w-full">
          <mat-label>Viewer user ids</mat-label>
          <mat-chip-grid #grid aria-label="Viewer user ids">
            @for (id of selected(); track id) {
              <mat-chip-row (removed)="removeId(id)">
                {{ id }}
                <button matChipRemove type="button" [attr.aria-label]="'Remove ' + id">
                  <mat-icon aria-hidden="true">cancel</mat-icon>
                </button>
              </mat-chip-row>
            }
            <input placeholder="Add a user id and press Enter" [matChipInputFor]="grid" (matChipInputTokenEnd)="addId($event)" />
          </mat-chip-grid>
          <mat-hint>Ask an admin for the ids of the users to share with</mat-hint>
        </mat-form-field>
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
      <button mat-flat-button type="button" [disabled]="busy()" (click)="save()">Save</button>
    </mat-dialog-actions>
  `,
})
export class CameraViewersDialog {
  private readonly api = inject(CameraApi);
  private readonly ref = inject<MatDialogRef<CameraViewersDialog, Camera>>(MatDialogRef);
  protected readonly camera = inject<Camera>(MAT_DIALOG_DATA);
  protected readonly isAdmin = inject(CurrentUser).isAdmin;

  protected readonly selected = signal<string[]>(this.camera.viewerIds ?? []);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  private readonly allUsers = signal<User[] | null>(null);
  /** The owner and admins see the camera anyway. */
  protected readonly users = computed(() => this.allUsers()?.filter((u) => u.id !== this.camera.ownerId && u.role !== 'admin') ?? null);

  constructor() {
    const users = inject(UserApi);
    let requested = false;
    // Who is signed in may still be loading when the dialog opens.
    effect(() => {
      if (!this.isAdmin() || requested) return;
      requested = true;
      users.list().subscribe({
        next: (list) => this.allUsers.set(list),
        error: (error: unknown) => {
          this.allUsers.set([]);
          this.errors.set(apiErrorMessages(error));
        },
      });
    });
  }

  protected pick(change: MatSelectionListChange): void {
    this.selected.set(change.source.selectedOptions.selected.map((option) => option.value as string));
  }

  protected addId(event: MatChipInputEvent): void {
    const id = event.value.trim();
    if (id && !this.selected().includes(id)) this.selected.update((ids) => [...ids, id]);
    event.chipInput.clear();
  }

  protected removeId(id: string): void {
    this.selected.update((ids) => ids.filter((known) => known !== id));
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
