import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthService } from './auth/auth.service';
import { AppToolbar } from './shell/app-toolbar';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, AppToolbar],
  template: `
    @if (signedIn()) {
      <header><app-toolbar /></header>
    }
    <main class="mx-auto max-w-screen-2xl">
      <router-outlet />
    </main>
  `,
})
export class App {
  protected readonly signedIn = inject(AuthService).signedIn;
}
