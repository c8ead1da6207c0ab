import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { catchError, map, of } from 'rxjs';
import { CurrentUser } from '../auth/current-user';
import { CameraApi } from '../cameras/camera-api';
import { PeopleApi } from '../people/people-api';
import { managesPeople } from '../people/people-guard';
import type { NotificationFilters } from './notification-api';

export type FiltersForm = FormGroup<{
  cameraIds: FormControl<string[]>;
  personIds: FormControl<string[]>;
  unknownOnly: FormControl<boolean>;
  kinds: FormControl<Array<'face' | 'object'>>;
}>;

export function filtersForm(): FiltersForm {
  return new FormGroup({
    cameraIds: new FormControl<string[]>([], { nonNullable: true }),
    personIds: new FormControl<string[]>([], { nonNullable: true }),
    unknownOnly: new FormControl(false, { nonNullable: true }),
    kinds: new FormControl<Array<'face' | 'object'>>([], { nonNullable: true }),
  });
}

/** Only the filters that narrow anything (an empty list means "any"). */
export function filtersOf(form: FiltersForm): NotificationFilters {
  const { cameraIds, personIds, unknownOnly, kinds } = form.getRawValue();
  return {
    ...(cameraIds.length ? { cameraIds } : {}),
    ...(personIds.length ? { personIds } : {}),
    ...(unknownOnly ? { unknownOnly } : {}),
    ...(kinds.length ? { kinds } : {}),
  };
}

/** Which alerts to receive: cameras, people (for those who manage people), strangers only, kinds. */
@Component({
  selector: 'app-filter-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatCheckboxModule, MatFormFieldModule, MatSelectModule],
  template: `
    <fieldset class="m-0 flex flex-col gap-1 border-0 p-0" [formGroup]="form()">
      <legend class="mb-2 [font:var(--mat-sys-title-small)]">Which alerts</legend>
      <mat-form-field>
        <mat-label>Cameras</mat-label>
        <mat-select formControlName="cameraIds" multiple placeholder="All cameras">
          @for (camera of cameras(); track camera.id) {
            <mat-option [value]="camera.id">{{ camera.name }}</mat-option>
          }
        </mat-select>
        <mat-hint>None chosen: every camera you may see</mat-hint>
      </mat-form-field>
      @if (managesPeople()) {
        <mat-form-field>
          <mat-label>People</mat-label>
          <mat-select formControlName="personIds" multiple placeholder="Anyone">
            @for (person of people(); track person.id) {
              <mat-option [value]="person.id">{{ person.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field>
        <mat-label>Kinds</mat-label>
        <mat-select formControlName="kinds" multiple placeholder="Any kind">
          <mat-option value="face">Faces</mat-option>
          <mat-option value="object">Objects</mat-option>
        </mat-select>
      </mat-form-field>
      <mat-checkbox formControlName="unknownOnly">Only faces that match nobody{{ managesPeople() ? ' (or the people chosen)' : '' }}</mat-checkbox>
    </fieldset>
  `,
})
export class FilterFields {
  readonly form = input.required<FiltersForm>();
  protected readonly managesPeople = computed(() => managesPeople(this.me()));
  private readonly me = inject(CurrentUser).user;
  private readonly peopleApi = inject(PeopleApi);

  protected readonly cameras = toSignal(
    inject(CameraApi)
      .list({ limit: 100 })
      .pipe(
        map((page) => page.items),
        catchError(() => of([])),
      ),
    { initialValue: [] },
  );

  protected readonly people = toSignal(
    managesPeople(inject(CurrentUser).user())
      ? this.peopleApi.list({ limit: 100 }).pipe(
          map((page) => page.items),
          catchError(() => of([])),
        )
      : of([]),
    { initialValue: [] },
  );
}
