import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { apiErrorMessages } from '../shared/api-error';
import { FormErrors } from '../shared/form-errors';
import { PeopleApi } from './people-api';
import { Recognition, RecognizedFace } from './people-types';

/** "Who is in this photo?": sends a photo to `POST /api/recognize` and marks each face found with its name. */
@Component({
  selector: 'app-recognize-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PercentPipe, MatButtonModule, MatDialogModule, MatIconModule, MatProgressBarModule, FormErrors],
  template: `
    <h2 mat-dialog-title>Who is in this photo?</h2>
    <mat-dialog-content>
      <div class="mb-3 flex flex-wrap items-center gap-3">
        <button mat-stroked-button type="button" [disabled]="busy()" (click)="picker.click()">
          <mat-icon aria-hidden="true">image_search</mat-icon>
          Choose a photo
        </button>
        <input #picker class="hidden" type="file" accept="image/jpeg,image/png" (change)="picked(picker)" />
        <span class="text-sm text-[var(--mat-sys-on-surface-variant)]">JPEG or PNG, up to 10 MB</span>
      </div>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Looking for faces" />
      }
      <app-form-errors [messages]="errors()" />
      @if (preview(); as url) {
        <!-- As wide as the photo shown, so the boxes, in percent, land on the faces. -->
        <div class="relative mx-auto w-fit">
          <img class="block h-auto max-h-[60vh] max-w-full" alt="The photo sent" [src]="url" />
          @if (result(); as result) {
            @for (face of result.faces; track $index) {
              <div class="absolute border-2 border-solid border-[var(--mat-sys-primary)]" aria-hidden="true" [style]="boxStyle(result, face)">
                <span class="absolute -top-6 left-0 whitespace-nowrap bg-[var(--mat-sys-primary)] px-1 text-sm text-[var(--mat-sys-on-primary)]">
                  {{ face.person?.name ?? 'Unknown' }}
                </span>
              </div>
            }
          }
        </div>
      }
      @if (result(); as result) {
        <ul class="m-0 mt-3 pl-5" aria-label="Faces found" aria-live="polite">
          @for (face of result.faces; track $index) {
            <li>
              Face {{ $index + 1 }}:
              @if (face.person; as person) {
                {{ person.name }} ({{ person.similarity | percent }} alike)
              } @else {
                nobody known
              }
            </li>
          } @empty {
            <li>No face found in this photo.</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
})
export class RecognizeDialog {
  private readonly api = inject(PeopleApi);

  protected readonly preview = signal<string | null>(null);
  protected readonly result = signal<Recognition | null>(null);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.forgetPreview());
  }

  protected picked(input: HTMLInputElement): void {
    const photo = input.files?.[0];
    input.value = '';
    if (!photo) return;
    this.forgetPreview();
    this.preview.set(URL.createObjectURL(photo));
    this.result.set(null);
    this.errors.set([]);
    this.busy.set(true);
    this.api.recognize(photo).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(error));
      },
    });
  }

  /** A face's box over the shown photo, in percent of the photo's size. */
  protected boxStyle(result: Recognition, face: RecognizedFace): Record<string, string> {
    const percent = (value: number, of: number) => `${(value / of) * 100}%`;
    return {
      left: percent(face.box.x, result.width),
      top: percent(face.box.y, result.height),
      width: percent(face.box.width, result.width),
      height: percent(face.box.height, result.height),
    };
  }

  private forgetPreview(): void {
    const url = this.preview();
    if (url) URL.revokeObjectURL(url);
  }
}
