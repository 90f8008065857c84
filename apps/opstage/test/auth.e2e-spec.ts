import { AdminClient, TestServer, OWNER } from './harness';

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

  describe('a session, checked on every request', () => {
    const sessionOf = async (client: AdminClient) => {
      const me = await client.get('/api/admin/auth/me');
      const [row] = await server.sql('select s.id, s.last_seen_at from sessions s join users u on u.id = s.user_id where u.username = ? and s.revoked_at is null order by s.created_at desc limit 1', [me.body.data.user.username]);
      return { me, id: row.id as string, lastSeenAt: Number(row.last_seen_at) };
    };

    it('shows the same user as the login did, with its times', async () => {
      const client = server.admin();
      const login = await client.login(OWNER.username, OWNER.password);
      const me = await client.get('/api/admin/auth/me');
      expect(me.body.data.user).toEqual(login.body.data.user);
      expect(me.body.data.user.lastLoginAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(Date.parse(me.body.data.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('ends when idle too long or past its absolute expiry', async () => {
      const idle = await server.owner();
      const { id: idleId } = await sessionOf(idle);
      await server.sql('update sessions set last_seen_at = ? where id = ?', [Date.now() - server.config.sessionIdleTimeoutSeconds * 1000 - 1000, idleId]);
      expect((await idle.get('/api/admin/auth/me')).status).toBe(401);

      const expired = await server.owner();
      const { id: expiredId } = await sessionOf(expired);
      await server.sql('update sessions set expires_at = ? where id = ?', [Date.now() - 1, expiredId]);
      expect((await expired.get('/api/admin/auth/me')).status).toBe(401);
    });

    it('is touched at most once a minute, which keeps it alive', async () => {
      const client = await server.owner();
      const { id, lastSeenAt } = await sessionOf(client);
      await client.get('/api/admin/auth/me');
      expect((await sessionOf(client)).lastSeenAt).toBe(lastSeenAt);
      const aWhileAgo = Date.now() - 5 * 60_000;
      await server.sql('update sessions set last_seen_at = ? where id = ?', [aWhileAgo, id]);
      const me = await client.get('/api/admin/auth/me');
      expect(me.status).toBe(200);
      expect((await sessionOf(client)).lastSeenAt).toBeGreaterThan(aWhileAgo);
      expect(Date.parse(me.body.data.expiresAt)).toBeGreaterThan(Date.now() + (server.config.sessionIdleTimeoutSeconds - 60) * 1000);
    });

    it('stops working when its user is no longer active, even if the session was not ended', async () => {
      const owner = await server.owner();
      const created = await owner.post('/api/admin/users', { username: 'short-lived@example.test', password: 'Short-Lived-123!', role: 'viewer' });
      expect(created.status).toBe(200);
      const viewer = server.admin();
      expect((await viewer.login('short-lived@example.test', 'Short-Lived-123!')).status).toBe(200);
      expect((await viewer.get('/api/admin/capsule-services')).status).toBe(200);
      await server.sql(`update users set status = 'DISABLED' where id = ?`, [created.body.data.id]);
      expect((await viewer.get('/api/admin/capsule-services')).status).toBe(401);
    });
  });
});
