import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
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
