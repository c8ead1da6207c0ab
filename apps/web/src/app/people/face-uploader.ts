import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { EMPTY, Observable, catchError, from, mergeMap, tap } from 'rxjs';
import { apiErrorMessage } from '../shared/api-error';
import { PeopleApi } from './people-api';
import { Face } from './people-types';

/** Photos sent at once; the rest wait their turn. */
const PARALLEL_UPLOADS = 2;

interface Upload {
  key: number;
  name: string;
  state: 'uploading' | 'added' | 'refused';
  message?: string;
}

/**
 * Enrols faces from photos: several at once, dropped on the zone or chosen with the button. Each
 * photo is its own `POST /api/people/:id/faces`; each shows whether it was added, or the API's
 * reason (no usable face, several faces, too large, not a JPEG or PNG).
 */
@Component({
  selector: 'app-face-uploader',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <div
      class="flex flex-wrap items-center gap-3 rounded-xl border-2 border-dashed p-4"
      [class.border-[var(--mat-sys-primary)]]="dragging()"
      [class.border-[var(--mat-sys-outline-variant)]]="!dragging()"
      data-testid="drop-zone"
      (dragover)="over($event)"
      (dragleave)="dragging.set(false)"
      (drop)="drop($event)"
    >
      <mat-icon aria-hidden="true">add_photo_alternate</mat-icon>
      <span class="flex-1">Drop photos of {{ personName() }} here (JPEG or PNG, up to 10 MB), or</span>
      <button mat-stroked-button type="button" (click)="picker.click()">Choose photos</button>
      <input #picker class="hidden" type="file" multiple accept="image/jpeg,image/png" (change)="picked(picker)" />
    </div>
    <ul class="m-0 mt-2 flex list-none flex-col gap-1 p-0" aria-label="Uploads" aria-live="polite">
      @for (upload of uploads(); track upload.key) {
        <li class="flex items-start gap-2">
          @switch (upload.state) {
            @case ('uploading') {
              <mat-spinner diameter="18" aria-hidden="true" />
              <span>{{ upload.name }}: uploading…</span>
            }
            @case ('added') {
              <mat-icon aria-hidden="true" class="text-[var(--mat-sys-primary)]">check_circle</mat-icon>
              <span>{{ upload.name }}: face added</span>
            }
            @case ('refused') {
              <mat-icon aria-hidden="true" class="text-[var(--mat-sys-error)]">error</mat-icon>
              <span class="text-[var(--mat-sys-error)]">{{ upload.name }}: {{ upload.message }}</span>
            }
          }
        </li>
      }
    </ul>
  `,
})
export class FaceUploader {
  private readonly api = inject(PeopleApi);

  readonly personId = input.required<string>();
  readonly personName = input.required<string>();
  readonly added = output<Face>();

  protected readonly dragging = signal(false);
  protected readonly uploads = signal<Upload[]>([]);
  private nextKey = 0;

  protected over(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.upload([...(event.dataTransfer?.files ?? [])]);
  }

  protected picked(input: HTMLInputElement): void {
    this.upload([...(input.files ?? [])]);
    // The same photo can be chosen again after a refusal.
    input.value = '';
  }

  private upload(files: File[]): void {
    if (!files.length) return;
    const personId = this.personId();
    const batch = files.map((file) => ({ file, key: this.nextKey++ }));
    this.uploads.update((uploads) => [...uploads, ...batch.map(({ file, key }): Upload => ({ key, name: file.name, state: 'uploading' }))]);
    from(batch)
      .pipe(mergeMap(({ file, key }) => this.send(personId, file, key), PARALLEL_UPLOADS))
      .subscribe();
  }

  private send(personId: string, file: File, key: number): Observable<Face> {
    return this.api.addFace(personId, file).pipe(
      tap((face) => {
        this.set(key, { state: 'added' });
        this.added.emit(face);
      }),
      catchError((error: unknown) => {
        this.set(key, { state: 'refused', message: apiErrorMessage(error) });
        return EMPTY;
      }),
    );
  }

  private set(key: number, change: Partial<Upload>): void {
    this.uploads.update((uploads) => uploads.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }
}
