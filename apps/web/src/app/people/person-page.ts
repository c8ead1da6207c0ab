import { DatePipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { filter, forkJoin } from 'rxjs';
import { Notifier } from '../shared/notifier';
import { FaceUploader } from './face-uploader';
import { PeopleApi } from './people-api';
import { removePerson } from './person-removal';
import { Face, Person } from './people-types';
import { PersonDialog } from './person-dialog';

/** One person: their enrolled faces, adding faces from photos, deleting faces, renaming, deleting them. */
@Component({
  selector: 'app-person-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, PercentPipe, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, FaceUploader],
  templateUrl: './person-page.html',
})
export class PersonPage {
  private readonly api = inject(PeopleApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);

  /** The route's `:id`. */
  readonly id = input.required<string>();

  protected readonly person = signal<Person | null>(null);
  protected readonly faces = signal<Face[]>([]);
  protected readonly state = signal<'loading' | 'loaded' | 'failed'>('loading');
  /** Face links are signed and expire: one that no longer loads has the list fetched again, once. */
  private renewed = false;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected load(id = this.id()): void {
    this.state.set('loading');
    this.renewed = false;
    forkJoin({ person: this.api.get(id), faces: this.api.faces(id) }).subscribe({
      next: ({ person, faces }) => {
        this.person.set(person);
        this.faces.set(faces);
        this.state.set('loaded');
      },
      error: () => this.state.set('failed'),
    });
  }

  protected renewFaces(): void {
    const person = this.person();
    if (this.renewed || !person) return;
    this.renewed = true;
    this.api.faces(person.id).subscribe({ next: (faces) => this.faces.set(faces), error: () => undefined });
  }

  protected faceAdded(face: Face): void {
    this.faces.update((faces) => [...faces, face]);
    this.person.update((person) => person && { ...person, faceCount: person.faceCount + 1 });
  }

  protected removeFace(face: Face): void {
    this.api.removeFace(face.personId, face.id).subscribe({
      next: () => {
        this.faces.update((faces) => faces.filter((known) => known.id !== face.id));
        this.person.update((person) => person && { ...person, faceCount: Math.max(0, person.faceCount - 1) });
        this.notifier.info('Face deleted');
      },
      error: (error: unknown) => this.notifier.error('Could not delete the face', error),
    });
  }

  protected edit(person: Person): void {
    this.dialog
      .open<PersonDialog, Person, Person>(PersonDialog, { data: person, width: '440px', maxWidth: '95vw' })
      .afterClosed()
      .pipe(filter((saved): saved is Person => !!saved))
      .subscribe((saved) => {
        this.person.set(saved);
        this.notifier.info(`Saved ${saved.name}`);
      });
  }

  protected remove(person: Person): void {
    removePerson({ dialog: this.dialog, api: this.api, notifier: this.notifier }, person, () => void this.router.navigate(['/people']));
  }
}
