import { AgentCredentialCache } from '../auth/agent-credential-cache';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { TOKEN_PREFIXES } from '../../../../libs/contracts/src';
import { AuditRecorder } from '../audit/audit-recorder';
import { ServiceReporter } from '../capsule-services/service-reporter';
import { OpstageConfig } from '../config/opstage-config';
import { newRawToken, sha256Hex } from '../crypto/secret-tokens';
import { ApiError } from '../http/api-error';
import { newId } from '../ids/new-id';
import { RegistrationToken } from '../registration-tokens/registration-token.entity';
import { Agent } from './agent.entity';
import { AgentToken } from './agent-token.entity';
import { AgentCadenceDto, RegisterAgentDto, RegisterAgentResponseDto } from './dto/agent-api.dto';

export const MAX_COMMAND_WAIT_SECONDS = 30;

/**
 * Registration: consumes a one-time token (conditional update, so concurrent registers consume it once), finds or
 * creates the agent by code, rotates its tokens, and optionally applies the first service report — all in one
 * transaction with its audit rows. A DISABLED or REVOKED agent code needs an operator's re-enrol first.
 */
@Injectable()
export class AgentRegistrationService {
  constructor(
    private readonly credentials: AgentCredentialCache,
    private readonly em: EntityManager,
    private readonly config: OpstageConfig,
    private readonly reporter: ServiceReporter,
    private readonly audit: AuditRecorder,
  ) {}

  cadence(): AgentCadenceDto {
    return {
      heartbeatIntervalSeconds: this.config.heartbeatIntervalSeconds,
      commandPollIntervalSeconds: this.config.commandPollIntervalSeconds,
      maxCommandWaitSeconds: MAX_COMMAND_WAIT_SECONDS,
    };
  }

  async register(body: RegisterAgentDto): Promise<RegisterAgentResponseDto> {
    const agentToken = newRawToken(TOKEN_PREFIXES.agent);
    const now = new Date();
    const agentId = await this.em.transactional(async (tx) => {
      const token = await this.consumeToken(tx, body.registrationToken, now);
      let agent = await tx.findOne(Agent, { code: body.agent.code });
      let revokedTokens = 0;
      if (agent) {
        if ((agent.status === 'DISABLED' || agent.status === 'REVOKED') && !agent.reenrolAllowed) {
          throw new ApiError('AGENT_REENROL_REQUIRED', `Agent "${agent.code}" is ${agent.status}; an operator must re-enrol it before it can register again.`, { agentId: agent.id, status: agent.status });
        }
        revokedTokens = await tx.nativeUpdate(AgentToken, { agent: agent.id, status: 'ACTIVE' }, { status: 'REVOKED', revokedAt: now });
        agent.reenrolAllowed = false;
        agent.disabledAt = null;
        agent.revokedAt = null;
      } else {
        agent = tx.create(Agent, { id: newId('agt', now.getTime()), code: body.agent.code, createdAt: now, updatedAt: now });
      }
      agent.name = body.agent.name ?? agent.name;
      agent.mode = body.agent.mode ?? 'embedded';
      agent.runtime = body.agent.runtime ?? agent.runtime;
      agent.status = 'ONLINE';
      agent.lastHeartbeatAt = now;
      await tx.nativeUpdate(RegistrationToken, { id: token.id }, { agentId: agent.id });
      tx.create(AgentToken, { id: newId('tok', now.getTime()), agent: agent.id, tokenHash: sha256Hex(agentToken), createdAt: now });
      this.audit.record(tx, { actorType: 'AGENT', actorId: agent.id, action: 'registration_token.consumed', targetType: 'RegistrationToken', targetId: token.id, metadata: { agentCode: agent.code } });
      if (revokedTokens > 0) this.audit.record(tx, { actorType: 'AGENT', actorId: agent.id, action: 'agent.token.rotated', targetType: 'Agent', targetId: agent.id, metadata: { revokedTokens } });
      this.audit.record(tx, { actorType: 'AGENT', actorId: agent.id, action: 'agent.registered', targetType: 'Agent', targetId: agent.id, metadata: { code: agent.code, mode: agent.mode } });
      if (body.service) await this.reporter.report(tx, agent, body.service, now);
      return agent.id;
    });
    this.credentials.forgetAgent(agentId); // a rotation revoked its earlier tokens
    return { agentId, agentToken, ...this.cadence() };
  }

  /** ACTIVE → USED exactly once; every other state gets its specific error code. */
  private async consumeToken(tx: EntityManager, raw: string, now: Date): Promise<RegistrationToken> {
    const token = await tx.findOne(RegistrationToken, { tokenHash: sha256Hex(raw) });
    if (!token) throw new ApiError('REGISTRATION_TOKEN_INVALID', 'Registration token is invalid.');
    if (token.status === 'REVOKED' || token.revokedAt) throw new ApiError('REGISTRATION_TOKEN_REVOKED', 'Registration token was revoked.');
    if (token.status === 'EXPIRED' || (token.expiresAt && token.expiresAt.getTime() <= now.getTime())) throw new ApiError('REGISTRATION_TOKEN_EXPIRED', 'Registration token has expired.');
    if (token.status === 'USED') throw new ApiError('REGISTRATION_TOKEN_USED', 'Registration token was already used.');
    const consumed = await tx.nativeUpdate(RegistrationToken, { id: token.id, status: 'ACTIVE' }, { status: 'USED', usedAt: now, updatedAt: now });
    if (consumed !== 1) throw new ApiError('REGISTRATION_TOKEN_USED', 'Registration token was already used.');
    return token;
  }
}
