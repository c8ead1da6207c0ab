import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AccountActions } from '../account/account-actions';
import { AuthService } from '../auth/auth.service';
import { CurrentUser } from '../auth/current-user';
import { managesPeople } from '../people/people-guard';

/** Product name, the pages, who is signed in, and the way out. Shown only while signed in. */
@Component({
  selector: 'app-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatMenuModule, MatToolbarModule, RouterLink, RouterLinkActive],
  template: `
    <mat-toolbar class="gap-1">
      <a routerLink="/" class="mr-2 flex items-center gap-2 text-inherit no-underline" aria-label="Argus, cameras dashboard">
        <mat-icon aria-hidden="true">visibility</mat-icon>
        <span class="hidden [font:var(--mat-sys-title-large)] sm:inline">Argus</span>
      </a>
      <!-- Scrolls sideways on a phone rather than pushing the account button off the bar. -->
      <nav class="flex min-w-0 gap-1 overflow-x-auto" aria-label="Pages">
        <a mat-button routerLink="/" routerLinkActive="nav-active" ariaCurrentWhenActive="page" [routerLinkActiveOptions]="{ exact: true }">
          Cameras
        </a>
        <a mat-button routerLink="/alerts" routerLinkActive="nav-active" ariaCurrentWhenActive="page">Alerts</a>
        @if (managesPeople()) {
          <a mat-button routerLink="/people" routerLinkActive="nav-active" ariaCurrentWhenActive="page">People</a>
          <a mat-button routerLink="/unknowns" routerLinkActive="nav-active" ariaCurrentWhenActive="page">Who is this?</a>
        }
        <a mat-button routerLink="/webhooks" routerLinkActive="nav-active" ariaCurrentWhenActive="page">Webhooks</a>
        @if (currentUser.isAdmin()) {
          <a mat-button routerLink="/users" routerLinkActive="nav-active" ariaCurrentWhenActive="page">Users</a>
          <a mat-button routerLink="/cluster" routerLinkActive="nav-active" ariaCurrentWhenActive="page">Cluster</a>
        }
      </nav>
      <span class="flex-1"></span>
      <button mat-button type="button" class="shrink-0" [attr.aria-label]="accountLabel()" [matMenuTriggerFor]="account">
        <mat-icon aria-hidden="true">account_circle</mat-icon>
        @if (currentUser.user(); as user) {
          <span class="hidden sm:inline" data-testid="signed-in-user">
            {{ user.username }} <span class="text-[var(--mat-sys-on-surface-variant)]">({{ user.role }})</span>
          </span>
        }
      </button>
      <mat-menu #account="matMenu">
        <button mat-menu-item type="button" (click)="accountActions.changePassword()">
          <mat-icon aria-hidden="true">password</mat-icon>
          Change password
        </button>
        <button mat-menu-item type="button" (click)="accountActions.notifyThisDevice()">
          <mat-icon aria-hidden="true">notifications_active</mat-icon>
          Notify me on this device
        </button>
        <button mat-menu-item type="button" (click)="logout()">
          <mat-icon aria-hidden="true">logout</mat-icon>
          Log out
        </button>
      </mat-menu>
    </mat-toolbar>
  `,
  styles: `
    .nav-active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
})
export class AppToolbar {
  private readonly auth = inject(AuthService);
  protected readonly currentUser = inject(CurrentUser);
  protected readonly accountActions = inject(AccountActions);
  protected readonly managesPeople = computed(() => managesPeople(this.currentUser.user()));

  /** Includes the visible name, so speech input can use what is on screen. */
  protected readonly accountLabel = computed(() => {
    const user = this.currentUser.user();
    return user ? `Account ${user.username} (${user.role})` : 'Account';
  });

  protected logout(): void {
    this.auth.signOut();
  }
}
