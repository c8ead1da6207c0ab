import { Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { jwtExpiry } from './jwt-expiry';

const STORAGE_KEY = 'argus.token';

/** Where the token survives reloads; a token so tests and non-browser hosts can swap it. */
export const TOKEN_STORAGE = new InjectionToken<Storage>('TOKEN_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});

/** A token together with the moment (epoch ms) after which the API will refuse it. */
export interface StoredToken {
  value: string;
  expiresAt: number;
}

/**
 * Holds the user's JWT in a signal and mirrors it to storage, so a reload keeps the session
 * until the token's own `exp`. Tokens without a readable expiry are not kept at all.
 */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private readonly storage = inject(TOKEN_STORAGE);
  private readonly current = signal<StoredToken | null>(this.restore());

  readonly token = this.current.asReadonly();
  readonly present = computed(() => this.current() !== null);

  /** The token if it is still valid now; an expired one is dropped on the way. */
  valid(now = Date.now()): string | null {
    const token = this.current();
    if (token && token.expiresAt <= now) {
      this.clear();
      return null;
    }
    return token?.value ?? null;
  }

  /** Stores a freshly issued token; returns false (and stores nothing) if it is unusable. */
  set(value: string, now = Date.now()): boolean {
    const expiresAt = jwtExpiry(value);
    if (expiresAt === null || expiresAt <= now) return false;
    this.storage.setItem(STORAGE_KEY, value);
    this.current.set({ value, expiresAt });
    return true;
  }

  clear(): void {
    this.storage.removeItem(STORAGE_KEY);
    this.current.set(null);
  }

  private restore(): StoredToken | null {
    const value = this.storage.getItem(STORAGE_KEY);
    const expiresAt = value ? jwtExpiry(value) : null;
    if (!value || expiresAt === null || expiresAt <= Date.now()) {
      this.storage.removeItem(STORAGE_KEY);
      return null;
    }
    return { value, expiresAt };
  }
}
