import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { AgentStatus } from '../../../../libs/contracts/src';
import { sha256Hex } from '../crypto/secret-tokens';
import { rowMillis } from '../database/row-time';
import { AgentCredentialCache, CachedCredential } from './agent-credential-cache';
import { TokenUseRecorder } from './token-use-recorder';
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

/** On a cache miss: one indexed lookup in plain SQL (the entity layer cost more than the query). */
const TOKEN_LOOKUP = `select t.id as token_id, t.last_used_at, a.id as agent_id, a.status
  from agent_tokens t join agents a on a.id = t.agent_id
  where t.token_hash = ? and t.status = 'ACTIVE' and t.revoked_at is null limit 1`;

const LAST_USED_WRITE_EVERY_MS = 30_000;

/** Resolves `Authorization: Bearer opstage_agent_…` to its agent and checks it against the path's agentId. */
@Injectable()
export class AgentTokenAuthenticator {
  constructor(
    private readonly cache: AgentCredentialCache,
    private readonly tokenUses: TokenUseRecorder,
  ) {}

  async authenticate(em: EntityManager, rawToken: string | undefined, pathAgentId: string | undefined, now = new Date()): Promise<AuthenticatedAgent> {
    if (!rawToken) throw new ApiError('AGENT_TOKEN_INVALID', 'Agent token required.');
    if (rawToken.length > 200) throw new ApiError('AGENT_TOKEN_INVALID', 'Invalid Agent token.');
    const hash = sha256Hex(rawToken);
    const credential = this.cache.get(hash, now.getTime()) ?? (await this.lookup(em, hash, now));
    if (!credential) throw new ApiError('AGENT_TOKEN_INVALID', 'Invalid Agent token.');
    // The contract's 403: a valid token used on another agent's path (whoever sends it already holds the token).
    if (pathAgentId !== undefined && credential.agentId !== pathAgentId) throw new ApiError('AGENT_ID_MISMATCH', 'This token belongs to another agent than the one in the path.');
    if (credential.status === 'DISABLED') throw new ApiError('AGENT_DISABLED', 'Agent is disabled.');
    if (credential.status === 'REVOKED') throw new ApiError('AGENT_REVOKED', 'Agent is revoked.');
    if (now.getTime() - credential.lastUsedAt > LAST_USED_WRITE_EVERY_MS) {
      credential.lastUsedAt = now.getTime();
      this.tokenUses.used(credential.tokenId, now.getTime());
    }
    return { agent: { id: credential.agentId, status: credential.status }, tokenId: credential.tokenId };
  }

  private async lookup(em: EntityManager, hash: string, now: Date): Promise<CachedCredential | undefined> {
    const [row] = await em.getConnection().execute<TokenRow[]>(TOKEN_LOOKUP, [hash]);
    if (!row) return undefined;
    const lastUsedAt = row.last_used_at === null ? 0 : rowMillis(row.last_used_at);
    return this.cache.set(hash, { tokenId: row.token_id, agentId: row.agent_id, status: row.status, lastUsedAt }, now.getTime());
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const token = value.replace(/^\s*bearer\s+/i, '').trim();
  return token || undefined;
}
