/** The audit filters as the list and export endpoints take them (both accept the same query parameters). */
export interface AuditFilters extends Record<string, string> {
  from: string;
  to: string;
  actorType: '' | 'USER' | 'AGENT' | 'SYSTEM';
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  result: '' | 'SUCCESS' | 'FAILURE';
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { from: '', to: '', actorType: '', actorId: '', action: '', targetType: '', targetId: '', result: '' };

/** Query parameters for the non-empty filters. `action` ending in `.` or `*` filters by prefix; local times become ISO. */
export function auditQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  const action = filters.action.trim();
  if (action.endsWith('*') || action.endsWith('.')) query['actionPrefix'] = action.replace(/\*$/, '');
  else if (action) query['action'] = action;
  if (filters.from) query['from'] = new Date(filters.from).toISOString();
  if (filters.to) query['to'] = new Date(filters.to).toISOString();
  for (const key of ['actorType', 'actorId', 'targetType', 'targetId', 'result'] as const) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  return query;
}
