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
