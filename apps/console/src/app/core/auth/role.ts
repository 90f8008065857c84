export type Role = 'owner' | 'operator' | 'viewer';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

/** Whether `role` is at least `needed`. The server stays the authority; this only hides what would be refused. */
export function roleAtLeast(role: Role | null | undefined, needed: Role): boolean {
  return role != null && RANK[role] >= RANK[needed];
}
