import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { PasswordBanner } from './account/password-banner';
import { AlertFeed } from './alerts/alert-feed';
import { AlertToasts } from './alerts/alert-toasts';
import { AuthService } from './auth/auth.service';
import { AppToolbar } from './shell/app-toolbar';
import { ReconnectingBanner } from './shell/reconnecting-banner';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, AppToolbar, PasswordBanner, ReconnectingBanner],
  template: `
    @if (signedIn()) {
      <header class="sticky top-0 z-10">
        <app-toolbar />
        <app-reconnecting-banner />
        <app-password-banner />
      </header>
    }
    <main class="mx-auto max-w-screen-2xl">
      <router-outlet />
    </main>
  `,
})
export class App {
  protected readonly signedIn = inject(AuthService).signedIn;

  constructor() {
    // Started with the shell so alerts are toasted, and missed ones fetched, on every page.
    inject(AlertToasts);
    inject(AlertFeed);
  }
}
