import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable, map } from 'rxjs';
import { apiErrorMessage } from './api-error';

const INFO_MS = 4000;
const ERROR_MS = 8000;

/** The console's toasts: short confirmations and failures with the API's reason. */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  /** Shows a message; the observable emits if the user clicks the action. */
  info(message: string, action?: string): Observable<void> {
    const ref = this.snackBar.open(message, action, { duration: INFO_MS, politeness: 'polite' });
    return ref.onAction().pipe(map(() => undefined));
  }

  /** Something went wrong outside the user's own action (e.g. a camera failed); stays until read. */
  warn(message: string): void {
    this.snackBar.open(message, 'Dismiss', { duration: ERROR_MS, politeness: 'assertive' });
  }

  /** `context` says what failed ("Could not start Front door"), the API says why. */
  error(context: string, error: unknown): void {
    this.snackBar.open(`${context}: ${apiErrorMessage(error)}`, 'Dismiss', { duration: ERROR_MS, politeness: 'assertive' });
  }
}
