import { Injectable } from '@nestjs/common';
import type { AgentStatus } from '../../../../libs/contracts/src';

export interface CachedCredential {
  tokenId: string;
  agentId: string;
  status: AgentStatus;
  lastUsedAt: number;
}

/**
 * Longer than an agent's heartbeat (30 s) and long-poll (≤ 30 s) cadence, so a fleet's requests are answered from
 * memory: at 5 s nearly every request of a real fleet missed. Changes in this process are never stale (forgetAgent);
 * the TTL only bounds what another instance may not have told this one (ADR 0009).
 */
export const CREDENTIAL_TTL_MS = 60_000;
const MAX_ENTRIES = 100_000;

/**
 * Agent token lookups by hash, kept for a few seconds: every agent request (heartbeat, poll, result) authenticates,
 * and the answer rarely changes. Whatever changes it in this process — revoke, disable, enable, token rotation —
 * calls {@link forgetAgent} after its commit, so a revoked token is refused on its very next request. (With several
 * instances, another instance's change is seen within the TTL; see ADR 0009.)
 */
@Injectable()
export class AgentCredentialCache {
  private readonly entries = new Map<string, CachedCredential & { expiresAt: number }>();

  get(tokenHash: string, now: number): CachedCredential | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  /** Caches a copy of `credential` and returns that copy: what the caller changes on it (lastUsedAt) is remembered. */
  set(tokenHash: string, credential: CachedCredential, now: number): CachedCredential {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    const entry = { ...credential, expiresAt: now + CREDENTIAL_TTL_MS };
    this.entries.set(tokenHash, entry);
    return entry;
  }

  forgetAgent(agentId: string): void {
    for (const [hash, entry] of this.entries) if (entry.agentId === agentId) this.entries.delete(hash);
  }
}
