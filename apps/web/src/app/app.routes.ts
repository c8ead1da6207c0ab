import { Routes } from '@angular/router';
import { adminGuard, signedInGuard, signedOutGuard } from './auth/auth.guards';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · Argus',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./login/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    pathMatch: 'full',
    title: 'Cameras · Argus',
    canActivate: [signedInGuard],
    loadComponent: () => import('./cameras/dashboard-page').then((m) => m.DashboardPage),
  },
  {
    path: 'alerts',
    title: 'Alerts · Argus',
    canActivate: [signedInGuard],
    loadComponent: () => import('./alerts/alerts-page').then((m) => m.AlertsPage),
  },
  {
    path: 'users',
    title: 'Users · Argus',
    canActivate: [signedInGuard, adminGuard],
    loadComponent: () => import('./users/users-page').then((m) => m.UsersPage),
  },
  { path: '**', redirectTo: '' },
];
