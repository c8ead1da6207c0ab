import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';
import { AuthService } from '../auth/auth.service';

/** Product name, who is signed in, and the way out. Shown only while signed in. */
@Component({
  selector: 'app-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatToolbarModule, RouterLink],
  template: `
    <mat-toolbar class="gap-2">
      <a routerLink="/" class="flex items-center gap-2 text-inherit no-underline" aria-label="Argus, cameras dashboard">
        <mat-icon aria-hidden="true">visibility</mat-icon>
        <span class="[font:var(--mat-sys-title-large)]">Argus</span>
      </a>
      <span class="flex-1"></span>
      @if (user(); as user) {
        <span class="hidden items-center gap-1 text-sm sm:flex" data-testid="signed-in-user">
          <mat-icon aria-hidden="true">account_circle</mat-icon>
          <span>{{ user.username }}</span>
          <span class="text-[var(--mat-sys-on-surface-variant)]">({{ user.role }})</span>
        </span>
      }
      <button mat-button type="button" (click)="logout()">
        <mat-icon aria-hidden="true">logout</mat-icon>
        Log out
      </button>
    </mat-toolbar>
  `,
})
export class AppToolbar {
  private readonly auth = inject(AuthService);

  // A failed lookup only hides the name; a 401 is turned into a sign-out by the interceptor.
  protected readonly user = toSignal(this.auth.me().pipe(catchError(() => of(null))), { initialValue: null });

  protected logout(): void {
    this.auth.signOut();
  }
}
