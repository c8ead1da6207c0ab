import { HttpErrorResponse } from '@angular/common/http';

/** What the login form tells the user for a failed sign-in. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Sign-in failed, please try again';
  switch (error.status) {
    case 0:
      return 'Cannot reach the Argus server';
    case 401:
      return 'Invalid username or password';
    case 429:
      return 'Too many attempts, try again later';
    default:
      return `Sign-in failed (${error.status}), please try again`;
  }
}
