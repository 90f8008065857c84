import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { AgentStatus } from '../../../../libs/contracts/src';
import { sha256Hex } from '../crypto/secret-tokens';
import { ApiError } from '../http/api-error';

/** Who is calling: the agent's id and its status when the request came in (not an entity: no ORM on this path). */
export interface AuthenticatedAgent {
  agent: { id: string; status: AgentStatus };
  tokenId: string;
}

interface TokenRow {
  token_id: string;
  last_used_at: number | string | null;
  agent_id: string;
  status: AgentStatus;
}

/** Every agent request runs this: one indexed lookup in plain SQL (the entity layer cost more than the query). */
const TOKEN_LOOKUP = `select t.id as token_id, t.last_used_at, a.id as agent_id, a.status
  from agent_tokens t join agents a on a.id = t.agent_id
  where t.token_hash = ? and t.status = 'ACTIVE' and t.revoked_at is null limit 1`;

const LAST_USED_WRITE_EVERY_MS = 30_000;

/** Resolves `Authorization: Bearer opstage_agent_…` to its agent and checks it against the path's agentId. */
@Injectable()
export class AgentTokenAuthenticator {
  async authenticate(em: EntityManager, rawToken: string | undefined, pathAgentId: string | undefined, now = new Date()): Promise<AuthenticatedAgent> {
    if (!rawToken) throw new ApiError('UNAUTHORIZED', 'Agent token required.');
    if (rawToken.length > 200) throw new ApiError('UNAUTHORIZED', 'Invalid Agent token.');
    const connection = em.getConnection();
    const [token] = await connection.execute<TokenRow[]>(TOKEN_LOOKUP, [sha256Hex(rawToken)]);
    if (!token || (pathAgentId !== undefined && token.agent_id !== pathAgentId)) throw new ApiError('UNAUTHORIZED', 'Invalid Agent token.');
    if (token.status === 'DISABLED') throw new ApiError('AGENT_DISABLED', 'Agent is disabled.');
    if (token.status === 'REVOKED') throw new ApiError('AGENT_REVOKED', 'Agent is revoked.');
    const lastUsed = token.last_used_at === null ? 0 : typeof token.last_used_at === 'number' ? token.last_used_at : Date.parse(token.last_used_at);
    if (now.getTime() - lastUsed > LAST_USED_WRITE_EVERY_MS) {
      await connection.execute('update agent_tokens set last_used_at = ? where id = ?', [now.getTime(), token.token_id]);
    }
    return { agent: { id: token.agent_id, status: token.status }, tokenId: token.token_id };
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const token = value.replace(/^\s*bearer\s+/i, '').trim();
  return token || undefined;
}
