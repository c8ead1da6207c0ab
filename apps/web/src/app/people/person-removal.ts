import type { MatDialog } from '@angular/material/dialog';
import { filter, switchMap } from 'rxjs';
import { ConfirmData, ConfirmDialog } from '../shared/confirm-dialog';
import type { Notifier } from '../shared/notifier';
import type { PeopleApi } from './people-api';
import type { Person } from './people-types';

/** Asks first, deletes the person, says so; `deleted` runs once they are gone (the list or the detail page moves on). */
export function removePerson(tools: { dialog: MatDialog; api: PeopleApi; notifier: Notifier }, person: Person, deleted: () => void): void {
  tools.dialog
    .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, {
      data: {
        title: `Delete ${person.name}?`,
        message: 'Their faces go with them; past alerts keep no name. This cannot be undone.',
        confirm: 'Delete',
      },
    })
    .afterClosed()
    .pipe(
      filter((confirmed) => confirmed === true),
      switchMap(() => tools.api.remove(person.id)),
    )
    .subscribe({
      next: () => {
        tools.notifier.info(`Deleted ${person.name}`);
        deleted();
      },
      error: (error: unknown) => tools.notifier.error(`Could not delete ${person.name}`, error),
    });
}
