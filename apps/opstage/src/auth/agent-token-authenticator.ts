import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { Agent } from '../agents/agent.entity';
import { AgentToken } from '../agents/agent-token.entity';
import { sha256Hex } from '../crypto/secret-tokens';
import { ApiError } from '../http/api-error';

export interface AuthenticatedAgent {
  agent: Agent;
  tokenId: string;
}

const LAST_USED_WRITE_EVERY_MS = 30_000;

/** Resolves `Authorization: Bearer opstage_agent_…` to its agent and checks it against the path's agentId. */
@Injectable()
export class AgentTokenAuthenticator {
  async authenticate(em: EntityManager, rawToken: string | undefined, pathAgentId: string | undefined, now = new Date()): Promise<AuthenticatedAgent> {
    if (!rawToken) throw new ApiError('UNAUTHORIZED', 'Agent token required.');
    if (rawToken.length > 200) throw new ApiError('UNAUTHORIZED', 'Invalid Agent token.');
    const token = await em.findOne(AgentToken, { tokenHash: sha256Hex(rawToken), status: 'ACTIVE', revokedAt: null }, { populate: ['agent'] });
    if (!token || (pathAgentId !== undefined && token.agent.id !== pathAgentId)) throw new ApiError('UNAUTHORIZED', 'Invalid Agent token.');
    const agent = token.agent.getEntity();
    if (agent.status === 'DISABLED') throw new ApiError('AGENT_DISABLED', 'Agent is disabled.');
    if (agent.status === 'REVOKED') throw new ApiError('AGENT_REVOKED', 'Agent is revoked.');
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_WRITE_EVERY_MS) {
      await em.nativeUpdate(AgentToken, { id: token.id }, { lastUsedAt: now });
    }
    return { agent, tokenId: token.id };
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const token = value.replace(/^\s*bearer\s+/i, '').trim();
  return token || undefined;
}
