import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient } from '../../opstage/test/harness';
import { commandEnded, DEMO_MAIN, freePort, Running, spawnBuilt, startServer, stopProcess, waitUntil } from '../../opstage/test/processes';

const OWNER = { username: 'owner@example.test', password: 'Owner-Password-123!' };

/**
 * The backend and the demo Capsule Service as two real processes on loopback: what a newcomer runs with `npm run demo`.
 * One backend and one demo for the whole file, in order: register → actions → cancel → demo restart → backend restart
 * → revoke.
 */
describe('the demo Capsule Service and the SDK, as real processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-demo-'));
  const tokenFile = join(dir, 'agent', 'token.json');
  let port: number;
  let demoPort: number;
  let backend: Running;
  let demo: Running | undefined;
  let admin: AdminClient;
  let serviceId: string;
  const completed: string[] = [];

  const backendEnv = () => ({
    OPSTAGE_PORT: String(port),
    OPSTAGE_HOST: '127.0.0.1',
    OPSTAGE_DATA_DIR: join(dir, 'data'),
    OPSTAGE_ADMIN_USERNAME: OWNER.username,
    OPSTAGE_ADMIN_PASSWORD: OWNER.password,
    OPSTAGE_SESSION_SECRET: 's'.repeat(48),
    OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '1',
    OPSTAGE_LOG_LEVEL: 'warn',
    OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
  });

  const startDemo = (registrationToken?: string) =>
    spawnBuilt(DEMO_MAIN, dir, {
      OPSTAGE_BACKEND_URL: `http://127.0.0.1:${port}`,
      OPSTAGE_AGENT_TOKEN_FILE: tokenFile,
      DEMO_HTTP_PORT: String(demoPort),
      DEMO_API_SECRET: 'demo-canary-secret-value-4411',
      OPSTAGE_LOG_LEVEL: 'info',
      ...(registrationToken ? { OPSTAGE_REGISTRATION_TOKEN: registrationToken } : {}),
    });

  const demoStatus = async () => (await fetch(`http://127.0.0.1:${demoPort}/healthz`)).json() as Promise<{ agentState: string; agentId: string | null; executions: Record<string, number>; abortedHandlers: number }>;

  async function login(): Promise<AdminClient> {
    const client = new AdminClient(`http://127.0.0.1:${port}`);
    expect((await client.login(OWNER.username, OWNER.password)).status).toBe(200);
    return client;
  }

  async function execute(action: string, payload: Record<string, unknown> = {}, confirmation?: boolean): Promise<string> {
    const res = await admin.post(`/api/admin/capsule-services/${serviceId}/actions/${action}`, { payload, ...(confirmation ? { confirmation } : {}) });
    expect(res.status).toBe(200);
    return res.body.data.id;
  }

  async function finished(commandId: string): Promise<any> {
    const command = await commandEnded(admin, demo, commandId);
    completed.push(commandId);
    return command;
  }

  beforeAll(async () => {
    [port, demoPort] = [await freePort(), await freePort()];
    backend = await startServer(dir, backendEnv(), port);
    admin = await login();
  }, 60_000);

  afterAll(async () => {
    await stopProcess(demo);
    await stopProcess(backend);
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers with the registration token, keeps the agent token in a 0600 file and reports a HEALTHY service', async () => {
    const token = (await admin.post('/api/admin/registration-tokens', { name: 'demo' })).body.data.rawToken as string;
    demo = startDemo(token);
    await waitUntil(demo, 'the demo service to be HEALTHY', async () => {
      const list = (await admin.get('/api/admin/capsule-services?q=demo-service')).body.data ?? [];
      serviceId = list[0]?.id;
      return list[0]?.status === 'HEALTHY';
    });
    // The service is HEALTHY as soon as the register call lands (it carries the first report); the file follows its answer.
    await waitUntil(demo, 'the token file', () => existsSync(tokenFile));
    const stored = JSON.parse(readFileSync(tokenFile, 'utf8'));
    expect(stored).toEqual({ agentId: expect.stringMatching(/^agt_/), agentToken: expect.stringMatching(/^opstage_agent_/), backendUrl: `http://127.0.0.1:${port}`, savedAt: expect.any(String) });
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(demo.output()).not.toContain(stored.agentToken);
    expect(demo.output()).not.toContain(token);

    const detail = (await admin.get(`/api/admin/capsule-services/${serviceId}`)).body.data;
    expect(detail.manifest).toMatchObject({ kind: 'CapsuleService', code: 'demo-service', runtime: 'nodejs', labels: { tier: 'demo' } });
    expect(detail.actions.map((a: { name: string }) => a.name).sort()).toEqual(
      ['archiveItem', 'configureWidget', 'createOrder', 'echo', 'failingAction', 'generateApiKey', 'getItem', 'listItems', 'publishEvent', 'purgeCache', 'runHealthCheck', 'shipOrder', 'slowTask'].sort(),
    );
    const secret = detail.configs.find((c: { key: string }) => c.key === 'demo.api.secret');
    expect(secret).toMatchObject({ sensitive: true, secretRef: 'env:DEMO_API_SECRET' });
    expect(JSON.stringify(detail)).not.toContain('demo-canary-secret-value-4411');
  }, 60_000);

  it('every demo action round-trips to its expected terminal status and result', async () => {
    const echo = await finished(await execute('echo', { message: 'hello', repeat: 2 }));
    expect(echo).toMatchObject({ status: 'SUCCEEDED', result: { success: true, data: { message: 'hello', repeat: 2 } } });
    // The password field reaches the handler unsealed but is stored redacted, and the echo returns only its length.
    const sealed = await finished(await execute('echo', { message: 'psst', secret: 'open-sesame', target: { host: 'db' } }));
    expect(sealed).toMatchObject({ status: 'SUCCEEDED', payload: { secret: '[REDACTED]' }, result: { data: { message: 'psst', secretLength: 11, target: { host: 'db' } } } });
    expect(JSON.stringify(sealed)).not.toContain('open-sesame');

    const health = await finished(await execute('runHealthCheck'));
    expect(health.result.data).toMatchObject({ status: 'UP', details: { items: 4 } });

    const list = await finished(await execute('listItems', { status: 'ACTIVE' }));
    expect(list.result.data.list.data).toHaveLength(3);
    expect(list.result.data.list.rowActions.map((a: { action: string }) => a.action)).toEqual(['getItem', 'archiveItem']);

    const detail = await finished(await execute('getItem', { id: 'item-2' }));
    expect(detail.result.data.detail).toMatchObject({ title: 'crm-bridge', data: { id: 'item-2' } });

    const missing = await finished(await execute('getItem', { id: 'nope' }));
    expect(missing).toMatchObject({ status: 'FAILED', errorCode: 'ITEM_NOT_FOUND' });

    const archived = await finished(await execute('archiveItem', { id: 'item-1' }));
    expect(archived.result.data).toEqual({ archived: 'item-1' });

    const unconfirmed = await admin.post(`/api/admin/capsule-services/${serviceId}/actions/purgeCache`, { payload: {} });
    expect([unconfirmed.status, unconfirmed.body.error.code]).toEqual([409, 'ACTION_REQUIRES_CONFIRMATION']);
    const purge = await finished(await execute('purgeCache', {}, true));
    expect(purge).toMatchObject({ status: 'SUCCEEDED', result: { data: { purged: 42 } } });

    const failing = await finished(await execute('failingAction'));
    expect(failing).toMatchObject({ status: 'FAILED', errorCode: 'DEMO_FAILURE', errorMessage: 'the demo failed on purpose' });

    const keyCommand = await execute('generateApiKey');
    const key = await finished(keyCommand);
    expect(key.result.data.generatedKey).toMatch(/^demo_/);
    expect((await admin.get(`/api/admin/commands/${keyCommand}`)).body.data.result.data.generatedKey).toBe('[REDACTED]');

    const invalid = await admin.post(`/api/admin/capsule-services/${serviceId}/actions/echo`, { payload: { repeat: 'many' } });
    expect({ status: invalid.status, body: invalid.body }).toMatchObject({ status: 422, body: { error: { code: 'ACTION_PAYLOAD_INVALID', details: expect.anything() } } });
  }, 60_000);

  it('prepare answers with the dynamic form and the current settings; executing it changes them', async () => {
    const prepared = await admin.get(`/api/admin/capsule-services/${serviceId}/actions/configureWidget`);
    expect(prepared.status).toBe(200);
    expect(prepared.body.data.action.inputSchema.properties.theme.enum).toEqual(['light', 'dark', 'contrast']);
    expect(prepared.body.data.initialPayload).toEqual({ theme: 'light', refreshSeconds: 30 });
    expect(prepared.body.data.prepareCommand).toMatchObject({ type: 'ACTION_PREPARE', status: 'SUCCEEDED' });
    const applied = await finished(await execute('configureWidget', { theme: 'dark', refreshSeconds: 10 }));
    expect(applied.result.data.widget).toEqual({ theme: 'dark', refreshSeconds: 10 });
    expect((await admin.get(`/api/admin/capsule-services/${serviceId}/actions/configureWidget`)).body.data.initialPayload).toEqual({ theme: 'dark', refreshSeconds: 10 });
  }, 60_000);

  it('cancelling the slow action fires the handler’s abort signal and the command ends CANCELLED', async () => {
    const id = await execute('slowTask', { seconds: 120 });
    await waitUntil(demo, 'the slow task to run', async () => (await admin.get(`/api/admin/commands/${id}`)).body.data.status === 'RUNNING');
    // While it runs, the service's health reports it as its operation; once cancelled, the operation is gone.
    const operation = async () => (await admin.get(`/api/admin/capsule-services/${serviceId}/health`)).body.data?.details ?? {};
    await waitUntil(demo, 'health to report the running operation', async () => (await operation()).operationStatus === 'RUNNING');
    expect(await operation()).toMatchObject({ operationName: 'slowTask', operationMessage: expect.stringMatching(/of 120 s done/), operationStartedAt: expect.any(String) });
    const before = (await demoStatus()).abortedHandlers;
    expect((await admin.post(`/api/admin/commands/${id}/cancel`)).status).toBe(200);
    await waitUntil(demo, 'the handler to see its abort signal', async () => (await demoStatus()).abortedHandlers === before + 1, 15_000);
    expect(demo!.output()).toMatch(new RegExp(`slowTask stopped by its abort signal.*${id}.*command cancelled`));
    expect(await finished(id)).toMatchObject({ status: 'CANCELLED' });
    await waitUntil(demo, 'health to drop the operation', async () => (await operation()).operationStatus === undefined);
  }, 60_000);

  it('a restarted demo reuses its token file: no second registration, and it carries on', async () => {
    const { agentId } = await demoStatus();
    await stopProcess(demo);
    demo = startDemo(); // no registration token this time
    await waitUntil(demo, 'the demo to reconnect', async () => (await demoStatus().catch(() => undefined))?.agentState === 'running');
    expect((await demoStatus()).agentId).toBe(agentId);
    const registrations = (await admin.get('/api/admin/audit-events?action=agent.registered')).body.data;
    expect(registrations).toHaveLength(1);
    expect(await finished(await execute('echo', { message: 'after restart' }))).toMatchObject({ status: 'SUCCEEDED' });
  }, 60_000);

  it('the backend restarts under the running demo: the agent backs off, reconnects and resumes; nothing runs twice', async () => {
    await stopProcess(backend);
    await waitUntil(demo, 'the agent to notice', () => demo!.output().includes('lost Opstage'), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(demo!.child.exitCode).toBeNull();
    backend = await startServer(dir, backendEnv(), port);
    admin = await login(); // sessions survive a restart, but a fresh login keeps this test independent of that
    const id = await execute('echo', { message: 'after the backend restart' });
    expect(await finished(id)).toMatchObject({ status: 'SUCCEEDED' });
    const { executions } = await demoStatus();
    expect(completed.filter((c) => executions[c] !== undefined).length).toBeGreaterThan(0);
    expect(Object.entries(executions).filter(([, runs]) => runs !== 1)).toEqual([]);
  }, 90_000);

  it('after revoke the agent stops polling and reports the error; the host process keeps running', async () => {
    const { agentId } = await demoStatus();
    expect((await admin.post(`/api/admin/agents/${agentId}/revoke`)).status).toBe(200);
    await waitUntil(demo, 'the agent to stop', async () => (await demoStatus()).agentState === 'failed', 20_000);
    expect(demo!.output()).toMatch(/agent error AgentAuthError/);
    const polls = (await admin.get(`/api/admin/metrics`)).body.data.operational.agentCommandPolls;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await admin.get(`/api/admin/metrics`)).body.data.operational.agentCommandPolls).toBe(polls);
    expect(demo!.child.exitCode).toBeNull();
    expect((await demoStatus()).agentState).toBe('failed');
  }, 60_000);
});
