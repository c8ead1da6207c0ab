import { Injectable, computed, inject, signal } from '@angular/core';
import { CurrentUser } from '../auth/current-user';
import { TOKEN_STORAGE } from '../auth/token-store';

const CHANGED_KEY = 'argus.passwordChanged';

/**
 * Whether to tell the user to change their password. The API's `mustChangePassword` decides when
 * it sends one; until it does, the first-run account (`admin`, an admin) is reminded until a
 * password change is made from this browser.
 */
@Injectable({ providedIn: 'root' })
export class PasswordReminder {
  private readonly currentUser = inject(CurrentUser);
  // The same browser storage that keeps the session.
  private readonly storage = inject(TOKEN_STORAGE);
  private readonly changedBy = signal<readonly string[]>(this.restore());
  private readonly dismissed = signal(false);

  readonly due = computed(() => {
    const user = this.currentUser.user();
    if (!user || this.dismissed()) return false;
    if (typeof user.mustChangePassword === 'boolean') return user.mustChangePassword;
    return user.role === 'admin' && user.username === 'admin' && !this.changedBy().includes(user.id);
  });

  /** Hides the reminder until the next sign-in or reload. */
  dismiss(): void {
    this.dismissed.set(true);
  }

  markChanged(userId: string): void {
    const ids = [...new Set([...this.changedBy(), userId])];
    this.storage.setItem(CHANGED_KEY, JSON.stringify(ids));
    this.changedBy.set(ids);
    this.currentUser.refresh();
  }

  private restore(): string[] {
    try {
      const ids: unknown = JSON.parse(this.storage.getItem(CHANGED_KEY) ?? '[]');
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }
}
