import fc from 'fast-check';
import { AdminClient, TestServer } from './harness';
import { registerAgent, RegisteredAgent } from './agent-fixtures';
import { concretePath, routeCatalogue, RouteInfo } from './route-catalogue';

const SKIP = new Set(['GET /api/admin/stream', 'POST /api/admin/auth/logout', 'POST /api/admin/auth/logout-all', 'POST /api/admin/auth/password']);
const QUERY_GARBAGE = ['sort=toString', 'sort=-__proto__', 'sort=constructor', 'page=abc', 'page=0', 'page=-1', 'page=1.5', 'pageSize=1000', 'pageSize=0', 'sort=%21%21', 'sort=unknownField', 'status=BAD', 'status=', 'q=%20%20', 'agentId=bad', 'limit=abc', 'waitSeconds=99', 'from=yesterday', 'to=2000-01-01T00:00:00Z&from=2001-01-01T00:00:00Z', `q=${'x'.repeat(5000)}`, 'page[]=1&page[]=2'];
const RAW_BODIES = ['{', '{"a":', 'null', '[]', '"text"', '42', 'true', '{"__proto__":{"x":1}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '\u0000\u0001', '{"a":1}{"b":2}'];

function envelopeOk(body: any): boolean {
  return body && body.success === false && typeof body.error?.code === 'string' && typeof body.error?.message === 'string' && typeof body.error?.requestId === 'string';
}

describe('malformed input never produces a 5xx, and every error is the envelope', () => {
  let server: TestServer;
  let owner: AdminClient;
  let agent: RegisteredAgent;
  let routes: RouteInfo[];
  let headersFor: (route: RouteInfo) => Record<string, string>;

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP: '100000', OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_USERNAME: '100000' }).start();
    owner = await server.owner();
    agent = await registerAgent(server, owner, 'fuzz-agent', null);
    routes = routeCatalogue(server.app).filter((r) => !SKIP.has(`${r.method} ${r.path}`));
    headersFor = (route): Record<string, string> =>
      route.rule?.kind === 'agent' ? { authorization: `Bearer ${agent.agentToken}` } : { cookie: owner.cookie!, 'x-csrf-token': owner.csrfToken! };
  });
  afterAll(() => server.stop());

  const check = (failures: string[], label: string, res: { status: number; body: any; text: string }) => {
    if (res.status >= 500) failures.push(`${label}: ${res.status} ${res.text.slice(0, 200)}`);
    else if (res.status >= 400 && !envelopeOk(res.body)) failures.push(`${label}: ${res.status} not an envelope: ${res.text.slice(0, 200)}`);
  };

  it('rejects malformed JSON bodies, query strings and path ids on every route', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const path = concretePath(route.path, agent.agentId);
      for (const query of QUERY_GARBAGE) {
        check(failures, `${route.method} ${path}?${query}`, await server.request(route.method, `${path}?${query}`, { headers: headersFor(route) }));
      }
      if (route.method !== 'GET') {
        for (const rawBody of RAW_BODIES) {
          const res = await server.request(route.method, path, { headers: { ...headersFor(route), 'content-type': 'application/json' }, rawBody });
          check(failures, `${route.method} ${path} body ${rawBody.slice(0, 20)}`, res);
        }
        check(failures, `${route.method} ${path} text/plain`, await server.request(route.method, path, { headers: { ...headersFor(route), 'content-type': 'text/plain' }, rawBody: 'hello' }));
      }
      for (const badId of ['x', 'usr_', 'svc_%00', `svc_${'a'.repeat(300)}`, '%E0%A4%A']) {
        const badPath = route.path.replace(/:(\w+)/, badId);
        if (badPath !== route.path) check(failures, `${route.method} ${badPath}`, await server.request(route.method, badPath, { headers: headersFor(route) }));
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('a NUL character anywhere in a body, a query or a path is 422 with its place, not a database error', async () => {
    const login = await server.request('POST', '/api/admin/auth/login', { body: { username: 'owner\u0000', password: 'x' } });
    expect([login.status, login.body.error.code, login.body.error.details]).toEqual([422, 'VALIDATION_FAILED', { issues: [{ path: 'username', message: 'must not contain NUL characters' }] }]);
    const nested = await owner.post('/api/admin/registration-tokens', { name: 'ok', meta: { ['k\u0000']: 1 } });
    expect([nested.status, nested.body.error.details.issues[0].path]).toEqual([422, 'meta.k\u0000']);
    for (const path of ['/api/admin/agents?q=%00', '/api/admin/capsule-services?q=a%00b', '/api/admin/users/usr_%00']) {
      const res = await owner.get(path);
      expect([path, res.status, res.body.error.code]).toEqual([path, 422, 'VALIDATION_FAILED']);
    }
  });

  it('survives generated garbage bodies on every mutating route (property-based)', async () => {
    const mutating = routes.filter((r) => r.method !== 'GET');
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...mutating), fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true }), async (route, body) => {
        const path = concretePath(route.path, agent.agentId);
        let rawBody: string;
        try {
          rawBody = JSON.stringify(body) ?? 'null';
        } catch {
          rawBody = '{}';
        }
        const res = await server.request(route.method, path, { headers: { ...headersFor(route), 'content-type': 'application/json' }, rawBody });
        check(failures, `${route.method} ${path} ${rawBody.slice(0, 80)}`, res);
        return res.status < 500;
      }),
      { numRuns: 600 },
    );
    expect(failures).toEqual([]);
  }, 240_000);
});
