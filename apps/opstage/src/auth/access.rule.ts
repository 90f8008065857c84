import type { UserRole } from '../../../../libs/contracts/src';

/** Who may call a route. Every route declares exactly one rule through `@Access(...)`. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'session'; role: UserRole }
  | { kind: 'agent' };

export const ROLE_RANK: Record<UserRole, number> = { viewer: 1, operator: 2, owner: 3 };

export function roleAllows(actual: UserRole, required: UserRole): boolean {
  return ROLE_RANK[actual] >= ROLE_RANK[required];
}

export const ACCESS_RULE = 'opstage:access-rule';
