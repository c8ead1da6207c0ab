import { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './auth/auth.guards';

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
  { path: '**', redirectTo: '' },
];
