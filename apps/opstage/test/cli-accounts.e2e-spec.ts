import { CLI_TEST_TIMEOUT_MS, runCli } from './cli-process';
import { OWNER, TestServer } from './harness';

/** The CLI as an operator meets it: a separate process working on the data directory of a running server. */
describe('opstage CLI: registration tokens and password resets', () => {
  let server: TestServer;
  const env = () => ({ OPSTAGE_DATA_DIR: server.dataDir, OPSTAGE_LOG_LEVEL: 'silent', NODE_ENV: 'test' });

  beforeAll(async () => {
    server = await new TestServer().start();
  }, CLI_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await server.stop();
  }, CLI_TEST_TIMEOUT_MS);

  it('create-registration-token prints the raw token once; an agent registers with it; the change is audited as the CLI', async () => {
    const run = await runCli(['create-registration-token', '--name', 'cli-token', '--expires', '3600'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^opstage_reg_[A-Za-z0-9_-]{43}\n$/);
    const rawToken = run.stdout.trim();
    expect(run.stderr).not.toContain(rawToken);

    const owner = await server.owner();
    const token = (await owner.get('/api/admin/registration-tokens?status=ACTIVE')).body.data.find((t: { name: string }) => t.name === 'cli-token');
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(Date.parse(token.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);

    const registered = await server.request('POST', '/api/agents/register', { body: { registrationToken: rawToken, agent: { code: 'cli-agent', name: 'cli-agent', mode: 'embedded', runtime: 'nodejs' } } });
    expect(registered.status).toBe(200);
    expect(registered.body.data.agentToken).toMatch(/^opstage_agent_/);

    const audit = (await owner.get(`/api/admin/audit-events?action=registration_token.created&targetId=${token.id}`)).body.data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'SYSTEM', actorId: expect.stringMatching(/^cli:/), userAgent: expect.stringMatching(/^opstage-cli\//), result: 'SUCCESS' });
    const exported = await owner.get('/api/admin/audit-events/export?format=json');
    expect(exported.text).not.toContain(rawToken);
  }, CLI_TEST_TIMEOUT_MS);

  it('create-registration-token rejects what the API rejects, and creates nothing then', async () => {
    const owner = await server.owner();
    const before = (await owner.get('/api/admin/registration-tokens')).body.pagination.total;
    const tooShort = await runCli(['create-registration-token', '--name', 'x', '--expires', '5'], env());
    expect([tooShort.code, tooShort.stdout]).toEqual([2, '']);
    expect(tooShort.stderr).toContain('--expires');
    const noName = await runCli(['create-registration-token'], env());
    expect([noName.code, noName.stdout]).toEqual([2, '']);
    const unknownFlag = await runCli(['create-registration-token', '--name', 'x', '--force'], env());
    expect(unknownFlag.code).toBe(2);
    expect((await owner.get('/api/admin/registration-tokens')).body.pagination.total).toBe(before);
  }, CLI_TEST_TIMEOUT_MS);

  it('reset-password prints a generated password once, which logs in; the old password and every old session stop working', async () => {
    const before = await server.owner();
    expect((await before.get('/api/admin/auth/me')).status).toBe(200);

    const run = await runCli(['reset-password', '--username', OWNER.username], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\S{20,}\n$/);
    const password = run.stdout.trim();
    expect(run.stderr).not.toContain(password);

    expect((await before.get('/api/admin/auth/me')).status).toBe(401);
    expect((await server.admin().login(OWNER.username, OWNER.password)).status).toBe(401);
    const after = server.admin();
    expect((await after.login(OWNER.username, password)).status).toBe(200);

    const audit = (await after.get('/api/admin/audit-events?action=user.password.reset')).body.data;
    expect(audit[0]).toMatchObject({ actorType: 'SYSTEM', actorId: expect.stringMatching(/^cli:/), targetType: 'User', metadata: { revokedSessions: expect.any(Number) } });
    expect(audit[0].metadata.revokedSessions).toBeGreaterThanOrEqual(1);
    expect((await after.get('/api/admin/audit-events/export?format=json')).text).not.toContain(password);

    // Put the documented owner password back for the other tests, through stdin this time.
    const restored = await runCli(['reset-password', '--username', OWNER.username, '--password-stdin'], env(), { stdin: `${OWNER.password}\n` });
    expect([restored.code, restored.stdout]).toEqual([0, '']);
    expect((await after.get('/api/admin/auth/me')).status).toBe(401);
    expect((await server.admin().login(OWNER.username, OWNER.password)).status).toBe(200);
  }, CLI_TEST_TIMEOUT_MS);

  it('reset-password refuses a short stdin password and an unknown user without changing anything', async () => {
    const short = await runCli(['reset-password', '--username', OWNER.username, '--password-stdin'], env(), { stdin: 'short\n' });
    expect(short.code).toBe(2);
    const unknown = await runCli(['reset-password', '--username', 'nobody@example.test'], env());
    expect([unknown.code, unknown.stdout]).toEqual([1, '']);
    expect(unknown.stderr).toContain('No user named');
    expect((await server.admin().login(OWNER.username, OWNER.password)).status).toBe(200);
  }, CLI_TEST_TIMEOUT_MS);
});
