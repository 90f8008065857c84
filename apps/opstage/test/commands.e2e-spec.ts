import { readFileSync, existsSync } from 'node:fs';
import { MikroORM } from '@mikro-orm/sqlite';
import { Command } from '../src/commands/command.entity';
import { AdminClient, TestServer } from './harness';
import { actionPath, AgentFixture, createAgentWithService } from './command-fixtures';

const PLANTED_PASSWORD = 'agent-secret-value-7f3a91';
const PLANTED_PIN = 'pin-secret-4417-zq';
const GENERATED_KEY = 'demo_one_time_secret_b29';

describe('command lifecycle over real HTTP', () => {
  let server: TestServer;
  let owner: AdminClient;
  let viewer: AdminClient;

  const execute = (agent: AgentFixture, action: string, body: unknown = {}, headers?: Record<string, string>) => owner.post(actionPath(agent.serviceId, action), body, headers);
  const detail = (client: AdminClient, id: string) => client.get(`/api/admin/commands/${id}`);
  const commandRow = (id: string) => server.app.get(MikroORM).em.fork().findOneOrFail(Command, { id });
  /** One sample's value from the Prometheus exposition at /metrics. */
  const promValue = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec((await server.request('GET', '/metrics')).text)?.[1]);

  beforeAll(async () => {
    server = await new TestServer().start();
    owner = await server.owner();
    const created = await owner.post('/api/admin/users', { username: 'viewer@example.test', password: 'Viewer-Password-123!', role: 'viewer' });
    expect(created.status).toBe(200);
    viewer = server.admin();
    expect((await viewer.login('viewer@example.test', 'Viewer-Password-123!')).status).toBe(200);
  });
  afterAll(() => server.stop());

  it('execute → poll (raw secrets for the agent) → result → detail (redacted; generatedKey shown once)', async () => {
    const agent = await createAgentWithService(server);
    const exec = await execute(agent, 'echo', { payload: { message: 'hello', password: PLANTED_PASSWORD, pin: PLANTED_PIN } });
    expect(exec.status).toBe(200);
    expect(exec.body.data).toMatchObject({ status: 'PENDING', type: 'ACTION_EXECUTE', actionName: 'echo', payload: { message: 'hello', password: '[REDACTED]', pin: '[REDACTED]' } });
    expect(exec.text).not.toContain(PLANTED_PASSWORD);
    const id = exec.body.data.id;

    const poll = await agent.poll();
    expect(poll.status).toBe(200);
    expect(poll.body.data).toHaveLength(1);
    expect(poll.body.data[0]).toMatchObject({ id, status: 'RUNNING', actionName: 'echo', payload: { message: 'hello', password: PLANTED_PASSWORD, pin: PLANTED_PIN } });
    expect(poll.body.cancelledCommandIds).toBeUndefined();

    const result = await agent.report(id, { success: true, message: 'done', data: { echoed: true, generatedKey: GENERATED_KEY } });
    expect(result.status).toBe(200);
    expect(result.body.data).toMatchObject({ commandId: id, success: true, data: { echoed: true, generatedKey: '[REDACTED]' } });

    const byViewer = await detail(viewer, id);
    expect(byViewer.status).toBe(200);
    expect(byViewer.body.data.result.data.generatedKey).toBe('[REDACTED]');

    const first = await detail(owner, id);
    expect(first.body.data).toMatchObject({ status: 'SUCCEEDED', payload: { password: '[REDACTED]', pin: '[REDACTED]' }, result: { data: { echoed: true, generatedKey: GENERATED_KEY } } });
    expect(first.text).not.toContain(PLANTED_PASSWORD);
    expect(typeof first.body.data.durationMs).toBe('number');
    const second = await detail(owner, id);
    expect(second.body.data.result.data.generatedKey).toBe('[REDACTED]');
    expect(second.text).not.toContain(GENERATED_KEY);
    expect((await commandRow(id)).sealedSecrets).toBeNull();
  });

  it('a long poll returns within milliseconds of the execute', async () => {
    const agent = await createAgentWithService(server);
    let pollReturnedAt = 0;
    const pending = agent.poll('?waitSeconds=10').then((res) => {
      pollReturnedAt = performance.now();
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const exec = await execute(agent, 'plain');
    const executedAt = performance.now();
    const poll = await pending;
    expect(poll.status).toBe(200);
    expect(poll.body.data.map((c: { id: string }) => c.id)).toEqual([exec.body.data.id]);
    expect(pollReturnedAt - executedAt).toBeLessThan(300);
  });

  it('an empty long poll waits for its deadline; invalid waitSeconds is 422; limit is clamped', async () => {
    const agent = await createAgentWithService(server);
    const started = performance.now();
    const empty = await agent.poll('?waitSeconds=1');
    expect(empty.body.data).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    for (const bad of ['31', '-1', 'abc', '1.5']) expect((await agent.poll(`?waitSeconds=${bad}`)).status).toBe(422);
    for (let i = 0; i < 12; i++) await execute(agent, 'plain');
    expect((await agent.poll('?limit=0')).body.data).toHaveLength(10);
    expect((await agent.poll('?limit=abc')).body.data).toHaveLength(2);
  });

  it('counts polls and dispatches in /api/admin/metrics and /metrics (reference §10.3 poll limit)', async () => {
    const agent = await createAgentWithService(server);
    const operational = async () => (await owner.get('/api/admin/metrics')).body.data.operational;
    const before = await operational();
    const promBefore = await promValue('opstage_agent_command_polls_total');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await execute(agent, 'plain')).body.data.id);
    const first = await agent.poll('?limit=1');
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const rest = await agent.poll('?limit=2');
    expect(rest.body.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(1));
    const after = await operational();
    expect(after.agentCommandPolls - before.agentCommandPolls).toBe(2);
    expect(after.commandsDispatched - before.commandsDispatched).toBe(3);
    expect((await promValue('opstage_agent_command_polls_total')) - promBefore).toBe(2);
  });

  it('shows parked long polls in the opstage_agent_polls_waiting gauge while they wait, and not after', async () => {
    const agent = await createAgentWithService(server);
    const waiting = () => promValue('opstage_agent_polls_waiting');
    const before = await waiting();
    const polls = [agent.poll('?waitSeconds=2'), agent.poll('?waitSeconds=2')];
    let parked = before;
    for (let i = 0; i < 40 && parked < before + 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
      parked = await waiting();
    }
    expect(parked).toBe(before + 2);
    const command = (await execute(agent, 'plain')).body.data.id;
    const answers = await Promise.all(polls);
    expect(answers.flatMap((res) => res.body.data.map((c: { id: string }) => c.id))).toEqual([command]);
    expect(await waiting()).toBe(before);
  });

  it('20 concurrent polls never deliver one command twice', async () => {
    const agent = await createAgentWithService(server);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await execute(agent, 'plain', { payload: { i } })).body.data.id);
    const polls = await Promise.all(Array.from({ length: 20 }, () => agent.poll('?limit=1')));
    expect(polls.every((p) => p.status === 200)).toBe(true);
    const delivered = polls.flatMap((p) => p.body.data.map((c: { id: string }) => c.id));
    expect(delivered).toHaveLength(6);
    expect(new Set(delivered).size).toBe(6);
    expect([...delivered].sort()).toEqual([...ids].sort());
  });

  it('of two concurrent results exactly one wins; an Idempotency-Key repeat returns the first result', async () => {
    const agent = await createAgentWithService(server);
    const id = (await execute(agent, 'plain')).body.data.id;
    await agent.poll();
    const [a, b] = await Promise.all([agent.report(id, { success: true }), agent.report(id, { success: false, error: { code: 'X' } })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('COMMAND_ALREADY_COMPLETED');

    const id2 = (await execute(agent, 'plain')).body.data.id;
    await agent.poll();
    const firstResult = await agent.report(id2, { success: false, message: 'vendor said no', error: { code: 'UPSTREAM_5XX' } }, { 'idempotency-key': 'res-1' });
    const repeat = await agent.report(id2, { success: false, message: 'vendor said no', error: { code: 'UPSTREAM_5XX' } }, { 'idempotency-key': 'res-1' });
    expect(firstResult.status).toBe(200);
    expect(repeat.status).toBe(200);
    expect(repeat.body.data.id).toBe(firstResult.body.data.id);
    expect((await agent.report(id2, { success: true })).status).toBe(409);
    const failed = (await detail(owner, id2)).body.data;
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_5XX', errorMessage: 'vendor said no' });
  });

  it('enforces confirmation for requiresConfirmation and HIGH danger actions', async () => {
    const agent = await createAgentWithService(server);
    for (const action of ['danger', 'wipe']) {
      const refused = await execute(agent, action);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('ACTION_REQUIRES_CONFIRMATION');
      expect((await execute(agent, action, { confirmation: false })).status).toBe(409);
      expect((await execute(agent, action, { confirmation: true })).status).toBe(200);
    }
  });

  it('validates the payload against the input schema (422 ACTION_PAYLOAD_INVALID) and checks the order of errors', async () => {
    const agent = await createAgentWithService(server);
    const bad = await execute(agent, 'echo', { payload: { count: -1, unexpected: true } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('ACTION_PAYLOAD_INVALID');
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['payload.count', 'payload.message', 'payload.unexpected']);
    expect((await execute(agent, 'echo', { payload: 'not-an-object' })).status).toBe(422);
    expect((await owner.post(actionPath('svc_missing', 'echo'), {})).body.error.code).toBe('CAPSULE_SERVICE_NOT_FOUND');
    expect((await execute(agent, 'nope')).body.error.code).toBe('ACTION_NOT_FOUND');
    expect((await viewer.post(actionPath(agent.serviceId, 'plain'), {})).status).toBe(403);
  });

  it('refuses commands for agents that are not ready with 409 and the agent code', async () => {
    const offline = await createAgentWithService(server, { status: 'OFFLINE' });
    const stale = await createAgentWithService(server, { lastHeartbeatAt: new Date(Date.now() - 3600_000) });
    const never = await createAgentWithService(server, { lastHeartbeatAt: null });
    for (const [agent, code] of [[offline, 'AGENT_OFFLINE'], [stale, 'AGENT_HEARTBEAT_STALE'], [never, 'AGENT_NOT_READY']] as const) {
      const res = await execute(agent, 'plain');
      expect([res.status, res.body.error.code]).toEqual([409, code]);
    }
    // a poll counts as a heartbeat: the stale agent becomes ready
    expect((await stale.poll()).status).toBe(200);
    expect((await execute(stale, 'plain')).status).toBe(200);
  });

  it('never delivers an expired command', async () => {
    const agent = await createAgentWithService(server);
    const id = (await execute(agent, 'plain')).body.data.id;
    await server.app.get(MikroORM).em.fork().nativeUpdate(Command, { id }, { expiresAt: new Date(Date.now() - 1000) });
    const poll = await agent.poll();
    expect(poll.body.data).toEqual([]);
    expect((await detail(owner, id)).body.data).toMatchObject({ status: 'EXPIRED', errorCode: 'COMMAND_EXPIRED' });
    const late = await agent.report(id, { success: true });
    expect([late.status, late.body.error.code]).toEqual([410, 'COMMAND_EXPIRED']);
  });

  it('signals the cancel of a RUNNING command to the next poll, waking a long poll, once', async () => {
    const agent = await createAgentWithService(server);
    const id = (await execute(agent, 'plain')).body.data.id;
    await agent.poll();
    const waiting = agent.poll('?waitSeconds=10');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const cancelled = await owner.post(`/api/admin/commands/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe('CANCELLED');
    const cancelledAt = performance.now();
    const poll = await waiting;
    expect(performance.now() - cancelledAt).toBeLessThan(300);
    expect(poll.body).toMatchObject({ success: true, data: [], cancelledCommandIds: [id] });
    expect((await agent.poll()).body.cancelledCommandIds).toBeUndefined();
    expect((await owner.post(`/api/admin/commands/${id}/cancel`)).body.error.code).toBe('COMMAND_ALREADY_COMPLETED');
    expect((await agent.report(id, { success: true })).status).toBe(409);
  });

  it('retries a cancelled command as a new linked command, re-checking confirmation and refusing discarded secrets', async () => {
    const agent = await createAgentWithService(server);
    const original = (await execute(agent, 'echo', { payload: { message: 'again' } })).body.data.id;
    expect((await owner.post(`/api/admin/commands/${original}/retry`)).body.error.code).toBe('COMMAND_NOT_RETRYABLE');
    await owner.post(`/api/admin/commands/${original}/cancel`);
    const retry = await owner.post(`/api/admin/commands/${original}/retry`);
    expect(retry.status).toBe(200);
    expect(retry.body.data).toMatchObject({ status: 'PENDING', actionName: 'echo', retryOfCommandId: original, payload: { message: 'again' } });
    expect(retry.body.data.id).not.toBe(original);

    const danger = (await execute(agent, 'danger', { confirmation: true })).body.data.id;
    await owner.post(`/api/admin/commands/${danger}/cancel`);
    expect((await owner.post(`/api/admin/commands/${danger}/retry`)).body.error.code).toBe('ACTION_REQUIRES_CONFIRMATION');
    expect((await owner.post(`/api/admin/commands/${danger}/retry`, { confirmation: true })).status).toBe(200);

    const secret = (await execute(agent, 'echo', { payload: { message: 'x', password: PLANTED_PASSWORD } })).body.data.id;
    await owner.post(`/api/admin/commands/${secret}/cancel`);
    const refused = await owner.post(`/api/admin/commands/${secret}/retry`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'COMMAND_NOT_RETRYABLE']);
    expect(refused.body.error.message).toMatch(/secret/);
  });

  it('an Idempotency-Key repeat returns the first command; a different payload under the same key is 409', async () => {
    const agent = await createAgentWithService(server);
    const body = { payload: { message: 'once', password: PLANTED_PASSWORD } };
    const first = await execute(agent, 'echo', body, { 'idempotency-key': 'exec-1' });
    const repeat = await execute(agent, 'echo', body, { 'idempotency-key': 'exec-1' });
    expect(first.status).toBe(200);
    expect(repeat.status).toBe(200);
    expect(repeat.body.data.id).toBe(first.body.data.id);
    const changedSecret = await execute(agent, 'echo', { payload: { message: 'once', password: 'other' } }, { 'idempotency-key': 'exec-1' });
    expect([changedSecret.status, changedSecret.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await execute(agent, 'echo', body, { 'idempotency-key': 'x'.repeat(201) })).status).toBe(422);
    const list = await owner.get(`/api/admin/commands?serviceId=${agent.serviceId}`);
    expect(list.body.pagination.total).toBe(1);
  });

  it('prepare: success merges the agent answer; failure is 424 with the agent code', async () => {
    const agent = await createAgentWithService(server);
    const pending = owner.get(actionPath(agent.serviceId, 'echo'));
    const poll = await agent.poll('?waitSeconds=5');
    const prepare = poll.body.data[0];
    expect(prepare).toMatchObject({ type: 'ACTION_PREPARE', actionName: 'echo', status: 'RUNNING' });
    const data = {
      action: { label: 'Echo (dynamic)', id: 'act_hijack', inputSchema: { type: 'object', properties: { password: { type: 'string', format: 'password' }, ttl: { type: 'integer', default: 60 } } } },
      currentState: { lastEcho: 'yesterday' },
    };
    expect((await agent.report(prepare.id, { success: true, data })).status).toBe(200);
    const panel = await pending;
    expect(panel.status).toBe(200);
    expect(panel.body.data.action).toMatchObject({ name: 'echo', label: 'Echo (dynamic)', serviceId: agent.serviceId });
    expect(panel.body.data.action.id).not.toBe('act_hijack');
    expect(panel.body.data.action.inputSchema.properties.password).toEqual({ type: 'string', format: 'password' });
    expect(panel.body.data.initialPayload).toEqual({ password: '', ttl: 60 });
    expect(panel.body.data.currentState).toEqual({ lastEcho: 'yesterday' });
    expect(panel.body.data.prepareCommand).toMatchObject({ id: prepare.id, status: 'SUCCEEDED', result: { success: true } });

    const failing = owner.get(actionPath(agent.serviceId, 'echo'));
    const failPoll = await agent.poll('?waitSeconds=5');
    await agent.report(failPoll.body.data[0].id, { success: false, message: 'prepare failed', error: { code: 'PREPARE_FAILED' } });
    const failed = await failing;
    expect(failed.status).toBe(424);
    expect(failed.body.error).toMatchObject({
      code: 'PREPARE_FAILED',
      message: 'prepare failed',
      details: { commandId: failPoll.body.data[0].id, commandStatus: 'FAILED', actionName: 'echo', agentId: agent.agentId, serviceId: agent.serviceId },
    });
    expect((await viewer.get(actionPath(agent.serviceId, 'echo'))).status).toBe(403);
  });

  it('lists with filters and rejects bad filter values', async () => {
    const agent = await createAgentWithService(server);
    const id = (await execute(agent, 'plain')).body.data.id;
    await agent.poll();
    await agent.report(id, { success: true });
    await execute(agent, 'plain');
    const q = `agentId=${agent.agentId}&serviceId=${agent.serviceId}`;
    const all = await viewer.get(`/api/admin/commands?${q}`);
    expect(all.body.pagination.total).toBe(2);
    expect(all.body.data[1].id).toBe(id);
    expect((await viewer.get(`/api/admin/commands?${q}&status=SUCCEEDED&type=ACTION_EXECUTE&actionName=plain`)).body.pagination.total).toBe(1);
    expect((await viewer.get(`/api/admin/commands?${q}&status=SUCCEEDED,PENDING`)).body.pagination.total).toBe(2);
    expect((await viewer.get(`/api/admin/commands?${q}&type=ACTION_PREPARE`)).body.pagination.total).toBe(0);
    expect((await viewer.get(`/api/admin/commands?${q}&sort=completedAt`)).body.data[0].completedAt).toBeNull();
    for (const bad of ['type=BAD_TYPE', 'agentId=bad-agent', 'status=NOPE', 'sort=payload', 'pageSize=0']) {
      expect((await viewer.get(`/api/admin/commands?${bad}`)).status).toBe(422);
    }
    expect((await viewer.get('/api/admin/commands/cmd_doesnotexist')).body.error.code).toBe('COMMAND_NOT_FOUND');
  });

  it('never writes a planted secret to the SQLite file', async () => {
    const path = server.config.databasePath;
    const files = [path, `${path}-wal`].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of [PLANTED_PASSWORD, PLANTED_PIN, GENERATED_KEY]) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  });
});
