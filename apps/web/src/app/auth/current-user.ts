import { Injectable, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { catchError, distinctUntilChanged, map, merge, of, switchMap, Subject } from 'rxjs';
import { AuthService } from './auth.service';
import { TokenStore } from './token-store';

/**
 * Who is signed in, from `GET /api/auth/me`, reloaded whenever the token changes. Drives what
 * the console offers (users page for admins, camera management for owners and admins);
 * the API enforces the same rules regardless.
 */
@Injectable({ providedIn: 'root' })
export class CurrentUser {
  private readonly auth = inject(AuthService);
  private readonly refreshes = new Subject<void>();
  private readonly tokenValue = toObservable(inject(TokenStore).token).pipe(
    map((token) => token?.value ?? null),
    distinctUntilChanged(),
  );

  /** Null while signed out, loading, or when the lookup failed (a 401 signs out anyway). */
  readonly user = toSignal(
    merge(this.tokenValue, this.refreshes.pipe(map(() => 'refresh'))).pipe(
      switchMap(() => (this.auth.signedIn() ? this.auth.me().pipe(catchError(() => of(null))) : of(null))),
    ),
    { initialValue: null },
  );

  readonly isAdmin = computed(() => this.user()?.role === 'admin');
  /** Admins and operators add cameras (operators become their owners). */
  readonly canCreateCameras = computed(() => ['admin', 'operator'].includes(this.user()?.role ?? ''));

  /** Start/stop, settings, edit, delete and viewers: the camera's owner (an operator) or an admin. */
  canManage(camera: { ownerId: string }): boolean {
    const user = this.user();
    if (!user) return false;
    return user.role === 'admin' || (user.role === 'operator' && camera.ownerId === user.id);
  }

  refresh(): void {
    this.refreshes.next();
  }
}
