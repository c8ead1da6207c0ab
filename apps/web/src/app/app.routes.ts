import { Routes } from '@angular/router';
import { adminGuard, signedInGuard, signedOutGuard } from './auth/auth.guards';
import { peopleManagerGuard } from './people/people-guard';

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
    path: 'cameras/:id/recordings',
    title: 'Recordings · Argus',
    canActivate: [signedInGuard],
    loadComponent: () => import('./recordings/recordings-page').then((m) => m.RecordingsPage),
  },
  {
    path: 'alerts',
    title: 'Alerts · Argus',
    canActivate: [signedInGuard],
    loadComponent: () => import('./alerts/alerts-page').then((m) => m.AlertsPage),
  },
  {
    path: 'people',
    title: 'People · Argus',
    canActivate: [signedInGuard, peopleManagerGuard],
    loadComponent: () => import('./people/people-page').then((m) => m.PeoplePage),
  },
  {
    path: 'people/:id',
    title: 'Person · Argus',
    canActivate: [signedInGuard, peopleManagerGuard],
    loadComponent: () => import('./people/person-page').then((m) => m.PersonPage),
  },
  {
    path: 'unknowns',
    title: 'Who is this? · Argus',
    canActivate: [signedInGuard, peopleManagerGuard],
    loadComponent: () => import('./unknowns/unknowns-page').then((m) => m.UnknownsPage),
  },
  {
    path: 'webhooks',
    title: 'Webhooks · Argus',
    canActivate: [signedInGuard],
    loadComponent: () => import('./notifications/webhooks-page').then((m) => m.WebhooksPage),
  },
  {
    path: 'users',
    title: 'Users · Argus',
    canActivate: [signedInGuard, adminGuard],
    loadComponent: () => import('./users/users-page').then((m) => m.UsersPage),
  },
  {
    path: 'cluster',
    title: 'Cluster · Argus',
    canActivate: [signedInGuard, adminGuard],
    loadComponent: () => import('./cluster/cluster-page').then((m) => m.ClusterPage),
  },
  { path: '**', redirectTo: '' },
];
