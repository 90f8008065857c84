import { Role } from '../core/auth/role';

export interface NavItem {
  path: string;
  label: string;
  icon: string;
  /** The least role that may open the page; the server enforces the same rule. */
  minRole: Role;
  /** Shown only while the Capsule Bus is enabled on the server. */
  bus?: true;
}

export const NAVIGATION: NavItem[] = [
  { path: '/dashboard', label: 'Dashboard', icon: 'dashboard', minRole: 'viewer' },
  { path: '/agents', label: 'Agents', icon: 'dns', minRole: 'viewer' },
  { path: '/services', label: 'Capsule services', icon: 'widgets', minRole: 'viewer' },
  { path: '/commands', label: 'Commands', icon: 'terminal', minRole: 'viewer' },
  { path: '/audit', label: 'Audit', icon: 'history', minRole: 'viewer' },
  { path: '/bus', label: 'Capsule Bus', icon: 'hub', minRole: 'viewer', bus: true },
  { path: '/registration-tokens', label: 'Registration tokens', icon: 'key', minRole: 'viewer' },
  { path: '/users', label: 'Users', icon: 'group', minRole: 'owner' },
  { path: '/settings', label: 'Settings', icon: 'settings', minRole: 'viewer' },
  { path: '/about', label: 'About', icon: 'info', minRole: 'viewer' },
];
