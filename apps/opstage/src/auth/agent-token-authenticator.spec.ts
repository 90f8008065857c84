import type { EntityManager } from '@mikro-orm/sqlite';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../crypto/secret-tokens';
import { AgentCredentialCache } from './agent-credential-cache';
import { AgentTokenAuthenticator } from './agent-token-authenticator';
import type { TokenUseRecorder } from './token-use-recorder';

const REAL_TOKEN = `opstage_agent_${randomBytes(32).toString('base64url')}`;

/** A connection that knows one token (by hash, as the table does) and counts lookups. */
function fakeEm(lastUsedAt = Date.now()) {
  const lookups: string[] = [];
  const em = {
    getConnection: () => ({
      execute: async (sql: string, params: unknown[]) => {
        if (!sql.startsWith('select')) throw new Error(`unexpected write: ${sql}`);
        lookups.push(params[0] as string);
        return params[0] === sha256Hex(REAL_TOKEN) ? [{ token_id: 'atk_1', last_used_at: lastUsedAt, agent_id: 'agt_1', status: 'ONLINE' }] : [];
      },
    }),
  } as unknown as EntityManager;
  return { em, lookups };
}

/** Records the token uses the authenticator reports (the real recorder writes them once a second). */
function useRecorder() {
  const uses: Array<[string, number]> = [];
  return { recorder: { used: (tokenId: string, at: number) => uses.push([tokenId, at]) } as unknown as TokenUseRecorder, uses };
}

describe('AgentTokenAuthenticator against guessing', () => {
  it('refuses guesses with AGENT_TOKEN_INVALID; they neither enter the credential cache nor evict the real entry', async () => {
    const cache = new AgentCredentialCache();
    const authenticator = new AgentTokenAuthenticator(cache, useRecorder().recorder);
    const { em, lookups } = fakeEm();
    await authenticator.authenticate(em, REAL_TOKEN, 'agt_1');
    expect(lookups).toHaveLength(1);

    for (let i = 0; i < 200; i++) {
      await expect(authenticator.authenticate(em, `opstage_agent_${randomBytes(32).toString('base64url')}`, 'agt_1')).rejects.toMatchObject({ code: 'AGENT_TOKEN_INVALID' });
    }
    // A guess costs the same hashed, indexed lookup every time: the answer does not depend on how close the guess is.
    expect(lookups).toHaveLength(201);
    expect(lookups.every((hash) => /^[0-9a-f]{64}$/.test(hash))).toBe(true);

    // The real token is still answered from the cache: guesses did not push it out.
    await expect(authenticator.authenticate(em, REAL_TOKEN, 'agt_1')).resolves.toMatchObject({ agent: { id: 'agt_1' } });
    expect(lookups).toHaveLength(201);
  });

  it('refuses the real token on another agent’s path with AGENT_ID_MISMATCH (403) and a missing token with AGENT_TOKEN_INVALID (401)', async () => {
    const authenticator = new AgentTokenAuthenticator(new AgentCredentialCache(), useRecorder().recorder);
    const { em } = fakeEm();
    await expect(authenticator.authenticate(em, REAL_TOKEN, 'agt_2')).rejects.toMatchObject({ code: 'AGENT_ID_MISMATCH', status: 403 });
    await expect(authenticator.authenticate(em, undefined, 'agt_1')).rejects.toMatchObject({ code: 'AGENT_TOKEN_INVALID', status: 401 });
  });

  it('records a token’s last use at most once per 30 s, counting the request that looked it up', async () => {
    const { recorder, uses } = useRecorder();
    const authenticator = new AgentTokenAuthenticator(new AgentCredentialCache(), recorder);
    const { em, lookups } = fakeEm(0);
    const t0 = new Date('2026-11-24T10:00:00Z');
    await authenticator.authenticate(em, REAL_TOKEN, 'agt_1', t0); // looked up, last used long ago: written
    await authenticator.authenticate(em, REAL_TOKEN, 'agt_1', new Date(t0.getTime() + 1_000)); // from the cache
    await authenticator.authenticate(em, REAL_TOKEN, 'agt_1', new Date(t0.getTime() + 29_000));
    expect(lookups).toHaveLength(1);
    expect(uses).toEqual([['atk_1', t0.getTime()]]);
    await authenticator.authenticate(em, REAL_TOKEN, 'agt_1', new Date(t0.getTime() + 31_000));
    expect(uses).toEqual([['atk_1', t0.getTime()], ['atk_1', t0.getTime() + 31_000]]);
  });
});
