import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { TokenStore } from './token-store';

const LOGIN_URL = '/api/auth/login';
/** Calls whose 401 means "wrong password typed", left to their forms rather than a sign-out. */
const PASSWORD_CHECKS = [LOGIN_URL, '/api/auth/password'];

/**
 * Adds the bearer token to the console's own API calls (relative `/api/...` URLs only, so the
 * token never travels to another origin) and sends the user back to the login page when the
 * API answers 401. A 401 from the login call or the password change is a wrong password.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) return next(req);
  const token = inject(TokenStore).valid();
  const auth = inject(AuthService);
  const router = inject(Router);
  const authorized = token && req.url !== LOGIN_URL ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  return next(authorized).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !PASSWORD_CHECKS.includes(req.url)) {
        auth.signOut({ returnUrl: router.url });
      }
      return throwError(() => error);
    }),
  );
};
