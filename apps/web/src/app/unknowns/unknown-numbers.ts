import { Injectable, signal } from '@angular/core';
import { UnknownGroup, unknownLabel } from '../people/people-types';

/**
 * The numbers of the unknown groups the console has seen ("Unknown #12"), so alerts can name
 * their stranger the same way the "Who is this?" page does; a group not seen yet is named by
 * its short id (an alert can come before any list of groups was fetched).
 */
@Injectable({ providedIn: 'root' })
export class UnknownNumbers {
  private readonly numbers = signal<ReadonlyMap<string, number>>(new Map());

  remember(groups: readonly UnknownGroup[]): void {
    const known = new Map(this.numbers());
    let changed = false;
    for (const group of groups) {
      if (known.get(group.id) === group.number) continue;
      known.set(group.id, group.number);
      changed = true;
    }
    if (changed) this.numbers.set(known);
  }

  /** "Unknown #n" for a group (reactive: read it in a template or computed). */
  label(groupId: string): string {
    return unknownLabel(groupId, this.numbers().get(groupId));
  }
}
