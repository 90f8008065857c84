import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/sqlite';
import { Session } from '../../src/auth/session.entity';
import { AdminClient, OWNER, TestServer } from '../harness';
import { registerAgent, RegisteredAgent } from '../agent-fixtures';

/** R3: session fixation and agent-token guessing, over real HTTP. */
describe('session fixation and token guessing (R3)', () => {
  let server: TestServer;
  let owner: AdminClient;

  beforeAll(async () => {
    server = await new TestServer().start();
    owner = await server.owner();
  });
  afterAll(() => server.stop());

  const cookieValue = (setCookie: string | null) => /^opstage_session=([^;]*)/.exec(setCookie ?? '')?.[1];
  const me = (cookie: string) => server.request('GET', '/api/admin/auth/me', { headers: { cookie: `opstage_session=${cookie}` } });
  const loginWithCookie = (cookie: string, username = OWNER.username, password = OWNER.password) =>
    server.request('POST', '/api/admin/auth/login', { headers: { cookie: `opstage_session=${cookie}` }, body: { username, password } });
  const activeSessions = async () => (await server.app.get(EntityManager).fork().find(Session, { revokedAt: null })).map((s) => s.id);

  it('never adopts a session id chosen before login: login issues a fresh one and the planted value stays unauthenticated', async () => {
    const planted = randomBytes(32).toString('base64url');
    expect((await me(planted)).status).toBe(401);

    const res = await loginWithCookie(planted);
    expect(res.status).toBe(200);
    const issued = cookieValue(res.headers.get('set-cookie'));
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued).not.toBe(planted);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/);

    expect((await me(planted)).status).toBe(401);
    expect((await me(issued!)).body.data.user.username).toBe(OWNER.username);
  });

  it('does not let a planted, authenticated session become the victim’s: the victim gets a new session and the planted one ends', async () => {
    await owner.post('/api/admin/users', { username: 'fixation-attacker', password: 'Attacker-Password-1', role: 'viewer' });
    await owner.post('/api/admin/users', { username: 'fixation-victim', password: 'Victim-Password-12', role: 'operator' });
    const attacker = server.admin();
    expect((await attacker.login('fixation-attacker', 'Attacker-Password-1')).status).toBe(200);
    const planted = attacker.cookie!.split('=')[1];

    const victimLogin = await loginWithCookie(planted, 'fixation-victim', 'Victim-Password-12');
    expect(victimLogin.status).toBe(200);
    const victimCookie = cookieValue(victimLogin.headers.get('set-cookie'))!;
    expect(victimCookie).not.toBe(planted);
    expect((await me(victimCookie)).body.data.user.username).toBe('fixation-victim');

    // Whoever holds the planted value is not the victim — the session it named was ended by the login.
    const plantedNow = await me(planted);
    expect(plantedNow.status).toBe(401);
    const audit = await owner.get('/api/admin/audit-events?action=session.login.succeeded&pageSize=1');
    expect(audit.body.data[0].metadata).toMatchObject({ replacedSessionId: expect.stringMatching(/^ses_/) });
  });

  it('issues a different session on every login, even for the same user in the same browser', async () => {
    const first = await loginWithCookie('');
    const firstCookie = cookieValue(first.headers.get('set-cookie'))!;
    const second = await loginWithCookie(firstCookie);
    const secondCookie = cookieValue(second.headers.get('set-cookie'))!;
    expect(secondCookie).not.toBe(firstCookie);
    expect((await me(firstCookie)).status).toBe(401);
    expect((await me(secondCookie)).status).toBe(200);
  });

  it('ends a session server-side on logout: the old cookie and CSRF token are refused when replayed', async () => {
    const client = await server.owner();
    const sessionCookie = client.cookie!;
    const csrf = client.csrfToken!;
    const before = await activeSessions();

    const out = await client.post('/api/admin/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^opstage_session=;.*Max-Age=0/);
    const after = await activeSessions();
    expect(before.length - after.length).toBe(1);

    const replayedRead = await server.request('GET', '/api/admin/auth/me', { headers: { cookie: sessionCookie } });
    expect([replayedRead.status, replayedRead.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    const replayedWrite = await server.request('POST', '/api/admin/registration-tokens', { headers: { cookie: sessionCookie, 'x-csrf-token': csrf }, body: { name: 'after-logout' } });
    expect(replayedWrite.status).toBe(401);
    const replayedLogout = await server.request('POST', '/api/admin/auth/logout', { headers: { cookie: sessionCookie, 'x-csrf-token': csrf } });
    expect(replayedLogout.status).toBe(401);
  });

  describe('agent token guessing', () => {
    let agent: RegisteredAgent;
    let other: RegisteredAgent;

    beforeAll(async () => {
      agent = await registerAgent(server, owner, 'guessed-agent', null);
      other = await registerAgent(server, owner, 'other-agent', null);
    });

    const heartbeat = (agentId: string, headers: Record<string, string>) => server.request('POST', `/api/agents/${agentId}/heartbeat`, { headers, body: {} });
    const flipLast = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

    it('answers 401 AGENT_TOKEN_INVALID to random, near-miss and missing tokens, and keeps serving the real one', async () => {
      expect((await heartbeat(agent.agentId, agent.auth)).status).toBe(200); // the real token is now in the credential cache
      const guesses = [
        ...Array.from({ length: 50 }, () => `opstage_agent_${randomBytes(32).toString('base64url')}`),
        flipLast(agent.agentToken),
        agent.agentToken.slice(0, -1),
        `${agent.agentToken}A`,
        agent.agentToken.toUpperCase(),
        'x'.repeat(201),
      ];
      for (const guess of guesses) {
        const res = await heartbeat(agent.agentId, { authorization: `Bearer ${guess}` });
        expect([res.status, res.body.error.code]).toEqual([401, 'AGENT_TOKEN_INVALID']);
      }
      const missing = await heartbeat(agent.agentId, {});
      expect([missing.status, missing.body.error.code]).toEqual([401, 'AGENT_TOKEN_INVALID']);
      const poll = await server.request('GET', `/api/agents/${agent.agentId}/commands?waitSeconds=0`, { headers: { authorization: `Bearer ${flipLast(agent.agentToken)}` } });
      expect([poll.status, poll.body.error.code]).toEqual([401, 'AGENT_TOKEN_INVALID']);

      expect((await heartbeat(agent.agentId, agent.auth)).status).toBe(200);
      expect((await heartbeat(other.agentId, other.auth)).status).toBe(200);
    });

    it('answers 403 AGENT_ID_MISMATCH to a real token on another agent\'s path, and that agent is untouched', async () => {
      const before = (await owner.get(`/api/admin/agents/${agent.agentId}`)).body.data;
      const foreign = other.auth; // a real token, but another agent's
      const answers = [
        await heartbeat(agent.agentId, foreign),
        await server.request('GET', `/api/agents/${agent.agentId}/commands?waitSeconds=0`, { headers: foreign }),
        await server.request('POST', `/api/agents/${agent.agentId}/services/report`, { headers: foreign, body: { services: [] } }),
        await server.request('POST', `/api/agents/${agent.agentId}/commands/cmd_01J0000000000000000000000/result`, { headers: foreign, body: { success: true } }),
      ];
      for (const res of answers) expect([res.status, res.body.error.code]).toEqual([403, 'AGENT_ID_MISMATCH']);
      expect((await owner.get(`/api/admin/agents/${agent.agentId}`)).body.data.lastHeartbeatAt).toBe(before.lastHeartbeatAt);
    });
  });
});
