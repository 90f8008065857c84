import { AgentCredentialCache } from '../auth/agent-credential-cache';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../audit/audit-recorder';
import { CapsuleService } from '../capsule-services/capsule-service.entity';
import { CapsuleServiceDto } from '../capsule-services/dto/capsule-service.dto';
import { effectiveServiceStatus } from '../capsule-services/effective-status';
import { OpstageConfig } from '../config/opstage-config';
import { ApiError } from '../http/api-error';
import { Paginated } from '../http/paginated';
import { containsText } from '../http/like-filter';
import { findPage } from '../http/find-page';
import { Notifier, channels } from '../notifier/notifier';
import { Agent } from './agent.entity';
import { AgentToken } from './agent-token.entity';
import { AgentDetailDto, AgentDto, ListAgentsQueryDto } from './dto/agent.dto';

const SORTABLE = { createdAt: 'createdAt', lastHeartbeatAt: 'lastHeartbeatAt', lastSeenAt: 'lastHeartbeatAt', name: 'name', code: 'code' };

type AgentTransition = 'disable' | 'enable' | 'revoke' | 'reenrol';

@Injectable()
export class AgentsService {
  constructor(
    private readonly credentials: AgentCredentialCache,
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly audit: AuditRecorder,
    private readonly notifier: Notifier,
  ) {}

  async list(query: ListAgentsQueryDto): Promise<Paginated<AgentDto>> {
    const where: Record<string, unknown> = {};
    if (query.status?.length) where.status = { $in: query.status };
    if (query.mode) where.mode = query.mode;
    if (query.q) {
      Object.assign(where, containsText(['code', 'name'], query.q));
    }
    const { rows: agents, pagination } = await findPage(this.em, Agent, where, query, { allowed: SORTABLE, fallback: '-createdAt' });
    const counts = await this.serviceCounts(agents.map((a) => a.id));
    return new Paginated(agents.map((agent) => AgentDto.from(agent, counts.get(agent.id) ?? 0)), pagination);
  }

  async detail(agentId: string): Promise<AgentDetailDto> {
    const agent = await this.em.findOne(Agent, { id: agentId });
    if (!agent) throw new ApiError('AGENT_NOT_FOUND', 'Agent not found.');
    const services = await this.em.find(CapsuleService, { agent: agentId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const now = new Date();
    return {
      ...AgentDto.from(agent, services.length),
      services: services.map((s) => CapsuleServiceDto.from(s, effectiveServiceStatus(s.status, agent, this.config.agentOfflineThresholdSeconds, now))),
    };
  }

  /** One-shot admin transitions: conditional on the current status, audited in the same transaction. */
  async transition(actorId: string, agentId: string, transition: AgentTransition): Promise<AgentDto> {
    const now = new Date();
    const agent = await this.em.transactional(async (tx) => {
      const current = await tx.findOne(Agent, { id: agentId });
      if (!current) throw new ApiError('AGENT_NOT_FOUND', 'Agent not found.');
      const metadata: Record<string, unknown> = { previousStatus: current.status };
      switch (transition) {
        case 'disable':
          if (current.status === 'REVOKED') throw new ApiError('AGENT_REVOKED', 'A revoked agent cannot be disabled.');
          current.status = 'DISABLED';
          current.disabledAt = now;
          break;
        case 'enable': {
          if (current.status === 'REVOKED') throw new ApiError('AGENT_REVOKED', 'A revoked agent cannot be enabled; re-enrol it instead.');
          const fresh = current.lastHeartbeatAt && now.getTime() - current.lastHeartbeatAt.getTime() <= this.config.agentOfflineThresholdSeconds * 1000;
          current.status = fresh ? 'ONLINE' : 'OFFLINE';
          current.disabledAt = null;
          break;
        }
        case 'revoke':
          current.status = 'REVOKED';
          current.revokedAt = now;
          current.reenrolAllowed = false;
          metadata.revokedTokens = await tx.nativeUpdate(AgentToken, { agent: current.id, status: 'ACTIVE' }, { status: 'REVOKED', revokedAt: now });
          break;
        case 'reenrol':
          if (current.status !== 'DISABLED' && current.status !== 'REVOKED') {
            throw new ApiError('CONFLICT', 'Only a DISABLED or REVOKED agent needs re-enrolment; an active agent re-registers by itself.', { status: current.status });
          }
          current.reenrolAllowed = true;
          break;
      }
      this.audit.record(tx, { actorType: 'USER', actorId, action: `agent.${transition === 'reenrol' ? 'reenrol_allowed' : `${transition}d`}`, targetType: 'Agent', targetId: current.id, metadata: { ...metadata, status: current.status } });
      return current;
    });
    this.credentials.forgetAgent(agentId);
    this.notifier.notify(channels.adminStream, { type: 'agent', agentId });
    const counts = await this.serviceCounts([agent.id]);
    return AgentDto.from(agent, counts.get(agent.id) ?? 0);
  }

  private async serviceCounts(agentIds: string[]): Promise<Map<string, number>> {
    if (!agentIds.length) return new Map();
    const rows: Array<{ agent_id: string; n: number }> = await this.em
      .getConnection()
      .execute(`select agent_id, count(*) as n from capsule_services where agent_id in (${agentIds.map(() => '?').join(',')}) group by agent_id`, agentIds);
    return new Map(rows.map((r) => [r.agent_id, Number(r.n)]));
  }
}
