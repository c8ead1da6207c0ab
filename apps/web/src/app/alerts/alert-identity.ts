import { Injectable, inject } from '@angular/core';
import { UnknownNumbers } from '../unknowns/unknown-numbers';
import { Alert } from './alert';

/**
 * Names who an alert saw: the person's name, "Unknown #n" for a stranger of a group, "Unknown" for a
 * face that matches nobody and has no group (e.g. corrected to "Nobody I know"), null when
 * recognition did not run.
 */
@Injectable({ providedIn: 'root' })
export class AlertIdentityLabel {
  private readonly unknowns = inject(UnknownNumbers);

  /** Reactive: read it in a template or computed. */
  of(alert: Alert): string | null {
    if (alert.person) return alert.person.name;
    if (alert.unknownId) return this.unknowns.label(alert.unknownId);
    return alert.person === null ? 'Unknown' : null;
  }
}
