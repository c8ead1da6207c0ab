import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { User } from '../auth/user';

/** Admins and operators manage people and unknown faces; viewers only see names on alerts. */
export function managesPeople(user: Pick<User, 'role'> | null): boolean {
  return user?.role === 'admin' || user?.role === 'operator';
}

/** People pages are for admins and operators; viewers land on the dashboard (the API refuses them anyway). */
export const peopleManagerGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(AuthService)
    .me()
    .pipe(
      map((user) => (managesPeople(user) ? true : router.parseUrl('/'))),
      catchError(() => of(router.parseUrl('/'))),
    );
};
