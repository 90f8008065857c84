import { AdminClient, TestServer } from './harness';
import { registerAgent, RegisteredAgent } from './agent-fixtures';
import { concretePath, routeCatalogue, RouteInfo } from './route-catalogue';
import { roleAllows } from '../src/auth/access.rule';

type Caller = 'anonymous' | 'viewer' | 'operator' | 'owner' | 'agent' | 'otherAgent' | 'revokedAgent';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'operator', 'owner', 'agent', 'otherAgent', 'revokedAgent'];
const SKIP_STREAMING = new Set(['GET /api/admin/stream']);

/** What the declared rule says: may this caller get past authentication and authorisation? */
function allowed(route: RouteInfo, caller: Caller): boolean {
  const rule = route.rule!;
  if (rule.kind === 'public') return true;
  if (rule.kind === 'agent') return caller === 'agent';
  return (caller === 'viewer' || caller === 'operator' || caller === 'owner') && roleAllows(caller, rule.role);
}

describe('every route × every caller kind matches its declared @Access rule', () => {
  let server: TestServer;
  let owner: AdminClient;
  let agent: RegisteredAgent;
  let otherAgent: RegisteredAgent;
  let revokedAgent: RegisteredAgent;
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP: '10000', OPSTAGE_CAPSULE_BUS_ENABLED: 'true' }).start();
    owner = await server.owner();
    for (const role of ['viewer', 'operator', 'owner'] as const) {
      passwords[role] = `${role}-Password-123!`;
      const res = await owner.post('/api/admin/users', { username: `matrix-${role}`, password: passwords[role], role });
      expect(res.status).toBe(200);
    }
    agent = await registerAgent(server, owner, 'matrix-agent', null);
    otherAgent = await registerAgent(server, owner, 'matrix-other', null);
    revokedAgent = await registerAgent(server, owner, 'matrix-revoked', null);
    expect((await owner.post(`/api/admin/agents/${revokedAgent.agentId}/revoke`)).status).toBe(200);
  });
  afterAll(() => server.stop());

  it('every registered route declares exactly one access rule', () => {
    const routes = routeCatalogue(server.app);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes.filter((r) => !r.rule).map((r) => r.handler)).toEqual([]);
  });

  it('answers 401/403 exactly where the rule says so', async () => {
    const routes = routeCatalogue(server.app).filter((r) => !SKIP_STREAMING.has(`${r.method} ${r.path}`));
    const failures: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const headers: Record<string, string> = {};
        if (caller === 'viewer' || caller === 'operator' || caller === 'owner') {
          const client = server.admin();
          await client.login(`matrix-${caller}`, passwords[caller]);
          headers.cookie = client.cookie!;
          headers['x-csrf-token'] = client.csrfToken!;
        }
        if (caller === 'agent') headers.authorization = `Bearer ${agent.agentToken}`;
        if (caller === 'otherAgent') headers.authorization = `Bearer ${otherAgent.agentToken}`;
        if (caller === 'revokedAgent') headers.authorization = `Bearer ${revokedAgent.agentToken}`;
        const path = concretePath(route.path, agent.agentId);
        const res = await server.request(route.method, path, { headers, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
        const denied = res.status === 401 || res.status === 403;
        const expectDenied = !allowed(route, caller);
        if (denied !== expectDenied || res.status >= 500) failures.push(`${route.method} ${route.path} as ${caller}: ${res.status} ${res.body?.error?.code ?? ''}`);
        if (expectDenied && route.rule?.kind === 'session' && ['anonymous', 'agent', 'otherAgent', 'revokedAgent'].includes(caller) && res.status !== 401) {
          failures.push(`${route.method} ${route.path} as ${caller}: expected 401, got ${res.status}`);
        }
        if (expectDenied && route.rule?.kind === 'agent') {
          // Another agent's real token on this agent's path is the contract's 403 AGENT_ID_MISMATCH; anything else is 401.
          const expected = caller === 'otherAgent' ? '403 AGENT_ID_MISMATCH' : '401';
          const got = caller === 'otherAgent' ? `${res.status} ${res.body?.error?.code}` : String(res.status);
          if (got !== expected) failures.push(`${route.method} ${route.path} as ${caller}: expected ${expected}, got ${got}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
