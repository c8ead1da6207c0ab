import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { AuthService } from './auth.service';
import { TokenStore } from './token-store';

/** Pages behind sign-in: without a valid token go to /login and come back afterwards. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(TokenStore).valid() ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** The login page: someone already signed in goes straight to the dashboard. */
export const signedOutGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(TokenStore).valid() ? router.parseUrl('/') : true;
};

/** Admin-only pages: anyone else lands on the dashboard (the API refuses them anyway). */
export const adminGuard: CanActivateFn = () => {
  const router = inject(Router);
  return inject(AuthService)
    .me()
    .pipe(
      map((user) => (user.role === 'admin' ? true : router.parseUrl('/'))),
      catchError(() => of(router.parseUrl('/'))),
    );
};
