import type { AgentStatus, HealthStatus, ServiceStatus } from '../../../../libs/contracts/src';

export interface AgentFreshness {
  status: AgentStatus;
  lastHeartbeatAt: Date | null;
}

/**
 * The one effective-status rule, used by the service list, the detail, the dashboard and the metrics alike:
 * agent missing/OFFLINE/DISABLED/REVOKED → OFFLINE; heartbeat missing or older than the threshold → STALE;
 * otherwise the stored status (derived from the last health report).
 */
export function effectiveServiceStatus(storedStatus: ServiceStatus, agent: AgentFreshness | null | undefined, thresholdSeconds: number, now: Date = new Date()): ServiceStatus {
  if (!agent) return 'OFFLINE';
  if (agent.status === 'OFFLINE' || agent.status === 'DISABLED' || agent.status === 'REVOKED') return 'OFFLINE';
  if (!agent.lastHeartbeatAt || now.getTime() - agent.lastHeartbeatAt.getTime() > thresholdSeconds * 1000) return 'STALE';
  return storedStatus;
}

/** Stored status written when health is reported: UP → HEALTHY, DEGRADED/DOWN → UNHEALTHY, else UNKNOWN. */
export function storedStatusFor(health: HealthStatus | null | undefined): ServiceStatus {
  if (health === 'UP') return 'HEALTHY';
  if (health === 'DEGRADED' || health === 'DOWN') return 'UNHEALTHY';
  return 'UNKNOWN';
}

/**
 * The same rule as `effectiveServiceStatus`, as a SQL expression over `capsule_services s LEFT JOIN agents a`, so
 * lists can filter and count by effective status in the database. Parameter: the heartbeat cut-off (epoch ms).
 * `effective-status.spec.ts` checks both forms agree on every combination.
 */
export const EFFECTIVE_STATUS_SQL = `case
  when a.id is null or a.status in ('OFFLINE', 'DISABLED', 'REVOKED') then 'OFFLINE'
  when a.last_heartbeat_at is null or a.last_heartbeat_at < ? then 'STALE'
  else s.status end`;

export function heartbeatCutoff(thresholdSeconds: number, now: Date = new Date()): number {
  return now.getTime() - thresholdSeconds * 1000;
}
