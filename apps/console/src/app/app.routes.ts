import { Routes } from '@angular/router';
import { roleAtLeastGuard, signedIn } from './core/auth/auth-guards';

export const routes: Routes = [
  { path: 'login', loadComponent: () => import('./pages/login/login-page').then((m) => m.LoginPage), title: 'Sign in · Opstage' },
  {
    path: '',
    canActivate: [signedIn],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      { path: 'dashboard', loadComponent: () => import('./pages/dashboard/dashboard-page').then((m) => m.DashboardPage), title: 'Dashboard · Opstage' },
      { path: 'agents', loadComponent: () => import('./pages/agents/agents-page').then((m) => m.AgentsPage), title: 'Agents · Opstage' },
      { path: 'agents/:agentId', loadComponent: () => import('./pages/agents/agent-detail-page').then((m) => m.AgentDetailPage), title: 'Agent · Opstage' },
      { path: 'services', loadComponent: () => import('./pages/services/services-page').then((m) => m.ServicesPage), title: 'Capsule services · Opstage' },
      { path: 'services/:serviceId', loadComponent: () => import('./pages/services/service-detail-page').then((m) => m.ServiceDetailPage), title: 'Capsule service · Opstage' },
      { path: 'commands', loadComponent: () => import('./pages/commands/commands-page').then((m) => m.CommandsPage), title: 'Commands · Opstage' },
      { path: 'commands/:commandId', loadComponent: () => import('./pages/commands/command-detail-page').then((m) => m.CommandDetailPage), title: 'Command · Opstage' },
      { path: 'audit', loadComponent: () => import('./pages/audit/audit-page').then((m) => m.AuditPage), title: 'Audit · Opstage' },
      { path: 'bus', loadComponent: () => import('./pages/bus/bus-page').then((m) => m.BusPage), title: 'Capsule Bus · Opstage' },
      { path: 'registration-tokens', loadComponent: () => import('./pages/registration-tokens/registration-tokens-page').then((m) => m.RegistrationTokensPage), title: 'Registration tokens · Opstage' },
      { path: 'users', canActivate: [roleAtLeastGuard('owner')], loadComponent: () => import('./pages/users/users-page').then((m) => m.UsersPage), title: 'Users · Opstage' },
      { path: 'account', loadComponent: () => import('./pages/account/account-page').then((m) => m.AccountPage), title: 'My account · Opstage' },
      { path: 'settings', loadComponent: () => import('./pages/settings/settings-page').then((m) => m.SettingsPage), title: 'Settings · Opstage' },
      { path: 'about', loadComponent: () => import('./pages/about/about-page').then((m) => m.AboutPage), title: 'About · Opstage' },
    ],
  },
  { path: '**', redirectTo: '' },
];
