import { HttpClient } from '@angular/common/http';
import { Injectable, effect, inject } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, map } from 'rxjs';
import type { ApiSchema } from '../api/api-types';
import { TokenStore } from './token-store';
import { User } from './user';

/** setTimeout's delay is a signed 32-bit number; longer waits are done in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Signing in and out against the API; the token itself lives in {@link TokenStore}. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly tokens = inject(TokenStore);

  readonly signedIn = this.tokens.present;

  constructor() {
    // End the session when the token expires rather than at the next refused request,
    // so the console never shows a page it can no longer refresh.
    effect((onCleanup) => {
      const token = this.tokens.token();
      if (!token) return;
      let timer: ReturnType<typeof setTimeout>;
      const wait = () => {
        const left = token.expiresAt - Date.now();
        timer = setTimeout(() => (left > MAX_TIMER_MS ? wait() : this.signOut({ returnUrl: this.router.url })), Math.min(left, MAX_TIMER_MS));
      };
      wait();
      onCleanup(() => clearTimeout(timer));
    });
  }

  /** `POST /api/auth/login`; completes once the token is stored, errors with the HTTP error otherwise. */
  signIn(username: string, password: string): Observable<void> {
    const body: ApiSchema<'LoginDto'> = { username, password };
    return this.http.post<ApiSchema<'TokenDto'>>('/api/auth/login', body).pipe(
      map(({ token }) => {
        if (!this.tokens.set(token)) throw new Error('The server issued a token without a valid expiry');
      }),
    );
  }

  me(): Observable<User> {
    return this.http.get<User>('/api/auth/me');
  }

  /** Forgets the token and returns to the login page, remembering where the user was if asked. */
  signOut(options: { returnUrl?: string } = {}): void {
    this.tokens.clear();
    const returnUrl = options.returnUrl && !options.returnUrl.startsWith('/login') ? options.returnUrl : undefined;
    void this.router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
  }
}
