import { ChangeDetectionStrategy, Component, computed, effect, inject, input, model, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, switchMap, tap } from 'rxjs';
import { PeopleApi } from './people-api';
import { Person } from './people-types';

/** Typing pauses this long before the names are searched. */
export const PERSON_SEARCH_DEBOUNCE_MS = 200;
const SUGGESTIONS = 10;

interface Search {
  q: string;
  people: Person[];
}

/** Picks a known person by typing part of their name (`GET /api/people?q=`); `person` is null until one is chosen. */
@Component({
  selector: 'app-person-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="w-full" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input matInput type="text" autocomplete="off" [formControl]="text" [matAutocomplete]="suggestions" />
      <mat-autocomplete #suggestions="matAutocomplete" [displayWith]="nameOf" (optionSelected)="person.set($event.option.value)">
        @for (match of matches(); track match.id) {
          <mat-option [value]="match">{{ match.name }}</mat-option>
        } @empty {
          @if (searched()) {
            <mat-option disabled>No one by that name</mat-option>
          }
        }
      </mat-autocomplete>
      <mat-hint>Type part of a name, then pick from the list</mat-hint>
    </mat-form-field>
  `,
})
export class PersonPicker {
  private readonly api = inject(PeopleApi);

  readonly label = input('Person');
  readonly person = model<Person | null>(null);

  protected readonly text = new FormControl<string | Person>('', { nonNullable: true });
  protected readonly nameOf = (value: Person | string | null) => (typeof value === 'string' ? value : (value?.name ?? ''));

  private readonly results = toSignal(
    this.text.valueChanges.pipe(
      // Typing again drops the choice made before; picking an option sets it.
      tap((value) => typeof value === 'string' && this.person() && this.person.set(null)),
      filter((value): value is string => typeof value === 'string'),
      map((value) => value.trim()),
      debounceTime(PERSON_SEARCH_DEBOUNCE_MS),
      distinctUntilChanged(),
      switchMap((q) =>
        q
          ? this.api.list({ q, limit: SUGGESTIONS }).pipe(
              map((page): Search => ({ q, people: page.items })),
              catchError(() => of<Search>({ q, people: [] })),
            )
          : of<Search>({ q, people: [] }),
      ),
    ),
    { initialValue: { q: '', people: [] } as Search },
  );
  protected readonly matches = computed(() => this.results().people);
  protected readonly searched = computed(() => this.results().q !== '');

  constructor() {
    // A choice made or cleared from outside (e.g. "Clear filters") shows in the field.
    effect(() => {
      const person = this.person();
      untracked(() => {
        const shown = this.text.value;
        if (person && (typeof shown === 'string' || shown.id !== person.id)) this.text.setValue(person, { emitEvent: false });
        if (!person && typeof shown !== 'string') this.text.setValue('', { emitEvent: false });
      });
    });
  }
}
