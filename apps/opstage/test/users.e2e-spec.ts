import { AdminClient, OWNER, TestServer } from './harness';

describe('users, sessions and login throttling over real HTTP', () => {
  let server: TestServer;
  let owner: AdminClient;

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_USERNAME: '3' }).start();
    owner = await server.owner();
  });
  afterAll(() => server.stop());

  const login = async (username: string, password: string) => {
    const client = server.admin();
    const res = await client.login(username, password);
    return { client, res };
  };

  it('creates users without echoing the password and refuses duplicates', async () => {
    const res = await owner.post('/api/admin/users', { username: 'viewer_one@x.test', password: 'Viewer-Password-1', role: 'viewer', displayName: 'V1' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ username: 'viewer_one@x.test', role: 'viewer', status: 'ACTIVE' });
    expect(res.text).not.toContain('Viewer-Password-1');
    const dup = await owner.post('/api/admin/users', { username: 'viewer_one@x.test', password: 'Viewer-Password-1', role: 'viewer' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'USER_ALREADY_EXISTS']);
    expect((await owner.post('/api/admin/users', { username: 'short', password: 'short', role: 'viewer' })).status).toBe(422);
  });

  it('searches literally: `_` and `%` in q are not wildcards', async () => {
    await owner.post('/api/admin/users', { username: 'viewerXone@x.test', password: 'Viewer-Password-1', role: 'viewer' });
    const underscore = await owner.get('/api/admin/users?q=viewer_one');
    expect(underscore.body.data.map((u: { username: string }) => u.username)).toEqual(['viewer_one@x.test']);
    expect((await owner.get('/api/admin/users?q=%25')).body.pagination.total).toBe(0);
    expect((await owner.get('/api/admin/users?role=owner&status=ACTIVE&q=owner')).body.pagination.total).toBe(1);
    expect((await owner.get('/api/admin/users?role=root')).status).toBe(422);
  });

  it('keeps the last active owner: no demotion, no disabling', async () => {
    const me = (await owner.get('/api/admin/auth/me')).body.data.user;
    for (const patch of [{ role: 'operator' }, { status: 'DISABLED' }]) {
      const res = await owner.send('PATCH', `/api/admin/users/${me.id}`, patch);
      expect([res.status, res.body.error.code]).toEqual([409, 'LAST_OWNER_REQUIRED']);
    }
  });

  it('a password reset or disabling ends that user’s sessions', async () => {
    const created = await owner.post('/api/admin/users', { username: 'reset-me', password: 'Reset-Password-01', role: 'operator' });
    const { client } = await login('reset-me', 'Reset-Password-01');
    expect((await client.get('/api/admin/auth/me')).status).toBe(200);
    const reset = await owner.post(`/api/admin/users/${created.body.data.id}/reset-password`, { password: 'Reset-Password-02' });
    expect(reset.status).toBe(200);
    expect(reset.text).not.toContain('Reset-Password-02');
    expect((await client.get('/api/admin/auth/me')).status).toBe(401);
    const again = await login('reset-me', 'Reset-Password-02');
    expect(again.res.status).toBe(200);
    expect((await owner.send('PATCH', `/api/admin/users/${created.body.data.id}`, { status: 'DISABLED' })).body.data.status).toBe('DISABLED');
    expect((await again.client.get('/api/admin/auth/me')).status).toBe(401);
    expect((await login('reset-me', 'Reset-Password-02')).res.status).toBe(401);
  });

  it('changing my password keeps this session and ends my others; log out everywhere ends all', async () => {
    await owner.post('/api/admin/users', { username: 'self-service', password: 'Self-Password-001', role: 'viewer' });
    const a = await login('self-service', 'Self-Password-001');
    const b = await login('self-service', 'Self-Password-001');
    const wrong = await a.client.post('/api/admin/auth/password', { currentPassword: 'nope', newPassword: 'Self-Password-002' });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect((await a.client.post('/api/admin/auth/password', { currentPassword: 'Self-Password-001', newPassword: 'Self-Password-002' })).status).toBe(200);
    expect((await a.client.get('/api/admin/auth/me')).status).toBe(200);
    expect((await b.client.get('/api/admin/auth/me')).status).toBe(401);
    const c = await login('self-service', 'Self-Password-002');
    const all = await a.client.post('/api/admin/auth/logout-all');
    expect(all.body.data.revokedSessions).toBe(2);
    expect((await a.client.get('/api/admin/auth/me')).status).toBe(401);
    expect((await c.client.get('/api/admin/auth/me')).status).toBe(401);
  });

  it('rotating the CSRF token invalidates the old one', async () => {
    const { client } = await login(OWNER.username, OWNER.password);
    const old = client.csrfToken!;
    const rotated = await client.get('/api/admin/auth/csrf');
    expect(rotated.body.data.csrfToken).not.toBe(old);
    const stale = await server.request('POST', '/api/admin/registration-tokens', { headers: { cookie: client.cookie!, 'x-csrf-token': old }, body: {} });
    expect([stale.status, stale.body.error.code]).toEqual([403, 'CSRF_INVALID']);
    client.csrfToken = rotated.body.data.csrfToken;
    expect((await client.post('/api/admin/registration-tokens', {})).status).toBe(200);
  });

  it('locks a username out after repeated failures (429 with Retry-After), audited, even with the right password', async () => {
    await owner.post('/api/admin/users', { username: 'brute', password: 'Brute-Password-01', role: 'viewer' });
    for (let i = 0; i < 3; i++) expect((await login('brute', `wrong-${i}`)).res.status).toBe(401);
    const locked = (await login('brute', 'Brute-Password-01')).res;
    expect([locked.status, locked.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const audit = await owner.get('/api/admin/audit-events?action=session.login.locked');
    expect(audit.body.data[0].metadata).toMatchObject({ username: 'brute' });
    expect((await owner.get('/api/admin/audit-events?action=session.login.failed')).text).not.toContain('wrong-0');
  });
});
