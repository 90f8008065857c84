import type { AgentStatus, ErrorCode } from '../../../../../libs/contracts/src';
import { ApiError } from '../../http/api-error';

export interface AgentReadinessView {
  status: AgentStatus;
  lastHeartbeatAt: Date | null;
}

/**
 * Whether the owning agent can take a new command right now (the original's `assertAgentCanHandleAction`);
 * every refusal is 409 with the agent-specific code.
 */
export function assertAgentReady(agent: AgentReadinessView | null | undefined, thresholdSeconds: number, now: Date = new Date()): void {
  const refuse = (code: ErrorCode, message: string) => {
    throw new ApiError(code, message, undefined, { status: 409 });
  };
  if (!agent) return refuse('AGENT_NOT_FOUND', 'The agent that owns this service no longer exists.');
  if (agent.status === 'OFFLINE') return refuse('AGENT_OFFLINE', 'The agent is offline.');
  if (agent.status === 'DISABLED') return refuse('AGENT_DISABLED', 'The agent is disabled.');
  if (agent.status === 'REVOKED') return refuse('AGENT_REVOKED', 'The agent is revoked.');
  if (!agent.lastHeartbeatAt) return refuse('AGENT_NOT_READY', 'The agent has not sent a heartbeat or poll yet.');
  if (now.getTime() - agent.lastHeartbeatAt.getTime() > thresholdSeconds * 1000) {
    return refuse('AGENT_HEARTBEAT_STALE', `The agent's last heartbeat is older than ${thresholdSeconds} seconds.`);
  }
}
