import { TestServer, OWNER } from './harness';

describe('admin auth over real HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await new TestServer().start();
  });
  afterAll(() => server.stop());

  it('logs in with an HttpOnly opstage_session cookie and a CSRF token', async () => {
    const client = server.admin();
    const res = await client.login(OWNER.username, OWNER.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^opstage_session=[^;]+;.*HttpOnly/);
    expect(typeof res.body.data.csrfToken).toBe('string');
    expect(res.body.data.user).toMatchObject({ username: OWNER.username, role: 'owner', status: 'ACTIVE' });
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
    const me = await client.get('/api/admin/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.data.user.username).toBe(OWNER.username);
  });

  it('rejects a wrong password with 401 and never stores the password in the audit', async () => {
    const res = await server.admin().login(OWNER.username, 'wrong-password-canary');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    expect(res.headers.get('x-request-id')).toBe(res.body.error.requestId);
  });

  it('requires the CSRF header on logout (403 without, 200 with)', async () => {
    const client = await server.owner();
    const withoutCsrf = await server.request('POST', '/api/admin/auth/logout', { headers: { cookie: client.cookie! } });
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body.error.code).toBe('CSRF_INVALID');
    const ok = await client.post('/api/admin/auth/logout');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    expect((await client.get('/api/admin/auth/me')).status).toBe(401);
  });
});
