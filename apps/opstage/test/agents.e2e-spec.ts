import { EntityManager } from '@mikro-orm/sqlite';
import { Agent } from '../src/agents/agent.entity';
import { HeartbeatCoalescer } from '../src/agents/heartbeat-coalescer';
import { TokenUseRecorder } from '../src/auth/token-use-recorder';
import { channels, Notifier } from '../src/notifier/notifier';
import { AdminClient, TestServer } from './harness';
import { DEMO_SERVICE, createRegistrationToken, registerAgent } from './agent-fixtures';

describe('agent registration, heartbeat and service reports over real HTTP', () => {
  let server: TestServer;
  let admin: AdminClient;

  beforeAll(async () => {
    server = await new TestServer().start();
    admin = await server.owner();
  });
  afterAll(() => server.stop());

  it('registers with a one-time token, stores only hashes and never the sensitive config value', async () => {
    const token = await admin.post('/api/admin/registration-tokens', { name: 'phase-2' });
    expect(token.status).toBe(200);
    expect(token.body.data.token).toMatch(/^opstage_reg_[A-Za-z0-9_-]{43}$/);
    expect(token.body.data.rawToken).toBe(token.body.data.token);
    const res = await server.request('POST', '/api/agents/register', {
      body: { registrationToken: token.body.data.rawToken, agent: { code: 'demo-agent', name: 'Demo', mode: 'embedded', runtime: 'nodejs' }, service: DEMO_SERVICE },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5 });
    expect(res.body.data.agentId).toMatch(/^agt_/);
    expect(res.body.data.agentToken).toMatch(/^opstage_agent_/);
    const auth = { authorization: `Bearer ${res.body.data.agentToken}` };
    expect((await server.request('POST', `/api/agents/${res.body.data.agentId}/heartbeat`, { headers: auth, body: {} })).status).toBe(200);
    expect((await server.request('POST', `/api/agents/${res.body.data.agentId}/heartbeat`, { headers: auth })).status).toBe(200);

    const used = await admin.get('/api/admin/registration-tokens?status=USED');
    expect(used.body.pagination.total).toBe(1);
    expect(JSON.stringify(used.body)).not.toContain('opstage_reg_');
    expect((await admin.get('/api/admin/registration-tokens?status=BAD')).status).toBe(422);

    const again = await server.request('POST', '/api/agents/register', { body: { registrationToken: token.body.data.rawToken, agent: { code: 'other' } } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REGISTRATION_TOKEN_USED');

    const agents = await admin.get('/api/admin/agents?status=ONLINE&q=demo');
    expect(agents.body.pagination.total).toBe(1);
    expect(agents.body.data[0]).toMatchObject({ code: 'demo-agent', serviceCount: 1 });
    expect((await admin.get('/api/admin/agents?status=BAD')).status).toBe(422);

    const services = await admin.get(`/api/admin/capsule-services?healthStatus=UP&status=HEALTHY&agentId=${res.body.data.agentId}&q=demo`);
    expect(services.body.pagination.total).toBe(1);
    const service = services.body.data[0];
    expect(service).toMatchObject({ code: 'demo-capsule-service', status: 'HEALTHY', healthStatus: 'UP' });
    expect((await admin.get('/api/admin/capsule-services?healthStatus=BAD&agentId=bad')).status).toBe(422);

    const detail = await admin.get(`/api/admin/capsule-services/${service.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.health.status).toBe('UP');
    expect(detail.body.data.actions.map((a: { name: string }) => a.name)).toEqual(['danger', 'echo']);
    expect(detail.text).not.toContain('must-not-leak');
    const secret = detail.body.data.configs.find((c: { key: string }) => c.key === 'DEMO_SECRET');
    expect(secret).toMatchObject({ sensitive: true, valuePreview: null, defaultValue: null, secretRef: 'env:DEMO_SECRET' });

    for (const sub of ['manifest', 'health', 'configs', 'actions', 'health/history']) {
      const r = await admin.get(`/api/admin/capsule-services/${service.id}/${sub}`);
      expect(r.status).toBe(200);
    }
    expect((await admin.get('/api/admin/capsule-services/svc_MISSING/manifest')).body.error.code).toBe('CAPSULE_SERVICE_NOT_FOUND');
  });

  it('records health on heartbeat for its own service only, and keeps a paginated history', async () => {
    const a = await registerAgent(server, admin, 'health-agent', { ...DEMO_SERVICE, code: 'health-svc' });
    const other = await registerAgent(server, admin, 'health-other', { ...DEMO_SERVICE, code: 'health-other-svc' });
    const list = await admin.get('/api/admin/capsule-services?q=health-svc');
    const serviceId = list.body.data[0].id;
    await server.request('POST', `/api/agents/${a.agentId}/heartbeat`, { headers: a.auth, body: { serviceId, health: { status: 'DEGRADED', message: 'slow', details: { apiKey: 'sk-live-canary' } } } });
    await server.request('POST', `/api/agents/${other.agentId}/heartbeat`, { headers: other.auth, body: { serviceId, health: { status: 'DOWN' } } });
    const detail = await admin.get(`/api/admin/capsule-services/${serviceId}`);
    expect(detail.body.data).toMatchObject({ healthStatus: 'DEGRADED', status: 'UNHEALTHY' });
    expect(detail.body.data.health.details.apiKey).toBe('[REDACTED]');
    const history = await admin.get(`/api/admin/capsule-services/${serviceId}/health/history?pageSize=1`);
    expect(history.body.pagination.total).toBe(2);
    expect(history.body.data[0].status).toBe('DEGRADED');
  });

  it('rotates tokens on re-registration of an active agent and refuses DISABLED/REVOKED codes until re-enrolled', async () => {
    const first = await registerAgent(server, admin, 'rotating-agent', null);
    const second = await registerAgent(server, admin, 'rotating-agent', null);
    expect(second.agentId).toBe(first.agentId);
    expect(second.agentToken).not.toBe(first.agentToken);
    expect((await server.request('POST', `/api/agents/${first.agentId}/heartbeat`, { headers: first.auth, body: {} })).status).toBe(401);
    expect((await server.request('POST', `/api/agents/${first.agentId}/heartbeat`, { headers: second.auth, body: {} })).status).toBe(200);
    const rotated = await admin.get(`/api/admin/audit-events?action=agent.token.rotated&targetId=${first.agentId}`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data[0].metadata.revokedTokens).toBe(1);

    expect((await admin.post(`/api/admin/agents/${first.agentId}/disable`)).body.data.status).toBe('DISABLED');
    const blocked = await server.request('POST', `/api/agents/${first.agentId}/heartbeat`, { headers: second.auth, body: {} });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('AGENT_DISABLED');
    const takeover = await server.request('POST', '/api/agents/register', { body: { registrationToken: await createRegistrationToken(admin), agent: { code: 'rotating-agent' } } });
    expect(takeover.status).toBe(409);
    expect(takeover.body.error.code).toBe('AGENT_REENROL_REQUIRED');
    expect((await admin.post(`/api/admin/agents/${first.agentId}/enable`)).body.data.status).toBe('ONLINE');
    expect((await server.request('POST', `/api/agents/${first.agentId}/heartbeat`, { headers: second.auth, body: {} })).status).toBe(200);

    expect((await admin.post(`/api/admin/agents/${first.agentId}/revoke`)).body.data.status).toBe('REVOKED');
    expect((await server.request('POST', `/api/agents/${first.agentId}/heartbeat`, { headers: second.auth, body: {} })).status).toBe(401);
    expect((await admin.post(`/api/admin/agents/${first.agentId}/reenrol`)).status).toBe(200);
    const revived = await registerAgent(server, admin, 'rotating-agent', null);
    expect(revived.agentId).toBe(first.agentId);
    expect((await admin.get(`/api/admin/agents/${first.agentId}`)).body.data.status).toBe('ONLINE');
  });

  it('refuses a report that would take a service code owned by another live agent', async () => {
    const owner = await registerAgent(server, admin, 'owner-agent', { ...DEMO_SERVICE, code: 'owned-svc' });
    const thief = await registerAgent(server, admin, 'thief-agent', null);
    const res = await server.request('POST', `/api/agents/${thief.agentId}/services/report`, { headers: thief.auth, body: { services: [{ ...DEMO_SERVICE, code: 'owned-svc' }] } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CAPSULE_SERVICE_CODE_TAKEN');
    const still = await admin.get('/api/admin/capsule-services?q=owned-svc');
    expect(still.body.data[0].agentId).toBe(owner.agentId);
  });

  it('supports OpHub agents that register without a service and report several', async () => {
    const hub = await registerAgent(server, admin, 'ophub-a', null, 'ophub');
    const services = ['hub-one', 'hub-two'].map((code, i) => ({ ...DEMO_SERVICE, code, manifest: { ...DEMO_SERVICE.manifest, code, agentMode: 'ophub', capabilities: ['demo.echo'], events: { publishes: ['demo.item.created'] } }, health: { status: i ? 'DEGRADED' : 'UP' } }));
    const res = await server.request('POST', `/api/agents/${hub.agentId}/services/report`, { headers: hub.auth, body: { services } });
    expect(res.status).toBe(200);
    expect(res.body.data.services).toHaveLength(2);
    expect((await admin.get('/api/admin/agents?q=ophub-a')).body.data[0]).toMatchObject({ code: 'ophub-a', mode: 'ophub', serviceCount: 2 });
    const detail = await admin.get(`/api/admin/agents/${hub.agentId}`);
    expect(detail.body.data.services.map((s: { code: string }) => s.code).sort()).toEqual(['hub-one', 'hub-two']);
    expect((await admin.get(`/api/admin/capsule-services?agentId=${hub.agentId}`)).body.pagination.total).toBe(2);
    const sorted = await admin.get(`/api/admin/capsule-services?agentId=${hub.agentId}&sort=-code`);
    expect(sorted.body.data.map((s: { code: string }) => s.code)).toEqual(['hub-two', 'hub-one']);
    expect((await admin.get('/api/admin/capsule-services?sort=-nope')).status).toBe(422);
  });

  it('rejects revoked and expired registration tokens with their specific codes', async () => {
    const token = await admin.post('/api/admin/registration-tokens', { name: 'to-revoke' });
    expect((await admin.post(`/api/admin/registration-tokens/${token.body.data.id}/revoke`)).body.data.status).toBe('REVOKED');
    const res = await server.request('POST', '/api/agents/register', { body: { registrationToken: token.body.data.rawToken, agent: { code: 'never' } } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('REGISTRATION_TOKEN_REVOKED');
    const deleted = await server.request('DELETE', `/api/admin/registration-tokens/${token.body.data.id}`, { headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! } });
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.status).toBe('REVOKED');
    const active = await admin.post('/api/admin/registration-tokens', { name: 'active' });
    const notDeletable = await server.request('DELETE', `/api/admin/registration-tokens/${active.body.data.id}`, { headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken! } });
    expect(notDeletable.body.error.code).toBe('REGISTRATION_TOKEN_NOT_DELETABLE');
    expect((await server.request('POST', '/api/agents/agt_missing/heartbeat', { headers: { authorization: 'Bearer opstage_agent_bogus' }, body: {} })).status).toBe(401);
  });

  it('consumes a registration token exactly once under concurrent registrations', async () => {
    const raw = await createRegistrationToken(admin, 'race');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => server.request('POST', '/api/agents/register', { body: { registrationToken: raw, agent: { code: `racer-${i}` } } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'REGISTRATION_TOKEN_USED')).toBe(true);
    expect((await admin.get('/api/admin/agents?q=racer-')).body.pagination.total).toBe(1);
  });
  it('filters the service list by EFFECTIVE status (a disabled agent’s HEALTHY service is OFFLINE)', async () => {
    const agent = await registerAgent(server, admin, 'effective-agent', { ...DEMO_SERVICE, code: 'effective-svc' });
    expect((await admin.get('/api/admin/capsule-services?status=HEALTHY&q=effective-svc')).body.pagination.total).toBe(1);
    await admin.post(`/api/admin/agents/${agent.agentId}/disable`);
    const offline = await admin.get('/api/admin/capsule-services?status=OFFLINE&q=effective-svc');
    expect(offline.body.pagination.total).toBe(1);
    expect(offline.body.data[0]).toMatchObject({ status: 'OFFLINE', storedStatus: 'HEALTHY' });
    expect((await admin.get('/api/admin/capsule-services?status=HEALTHY&q=effective-svc')).body.pagination.total).toBe(0);
  });

  it('coalesces plain heartbeats: written within a second, bringing an OFFLINE agent back ONLINE, never reviving a DISABLED one', async () => {
    const a = await registerAgent(server, admin, 'coalesced-agent', null);
    const b = await registerAgent(server, admin, 'coalesced-disabled', null);
    const em = server.app.get(EntityManager).fork();
    const longAgo = new Date(Date.now() - 3_600_000);
    const heartbeat = (agent: typeof a) => server.request('POST', `/api/agents/${agent.agentId}/heartbeat`, { headers: { authorization: `Bearer ${agent.agentToken}` }, body: {} });
    // the first heartbeat of an agent is audited (sampled) and written at once; the next ones are the plain kind
    expect((await heartbeat(a)).status).toBe(200);
    // what the maintenance sweep does to an agent it thinks silent, while this process has just seen the agent alive
    await em.nativeUpdate(Agent, { id: a.agentId }, { status: 'OFFLINE', lastHeartbeatAt: longAgo });
    const sent = Date.now();
    expect((await heartbeat(a)).status).toBe(200);
    const read = async (id: string) => (await admin.get(`/api/admin/agents/${id}`)).body.data;
    expect((await read(a.agentId)).status).toBe('OFFLINE'); // not yet written…
    await new Promise((r) => setTimeout(r, 1500));
    const after = await read(a.agentId); // …and then written, together with the status change
    expect(after.status).toBe('ONLINE');
    expect(new Date(after.lastHeartbeatAt).getTime()).toBeGreaterThanOrEqual(sent - 5);

    expect((await heartbeat(b)).status).toBe(200);
    expect((await admin.post(`/api/admin/agents/${b.agentId}/disable`)).status).toBe(200);
    // the credential cache forgets a disabled agent at once: its next request is refused, and nothing revives it
    expect((await heartbeat(b)).body.error.code).toBe('AGENT_DISABLED');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await read(b.agentId)).status).toBe('DISABLED');
  });

  it('writes a fleet-sized batch of coalesced heartbeats in chunks: every agent, newest time kept, DISABLED untouched', async () => {
    const template = await registerAgent(server, admin, 'batch-template', null);
    const connection = server.app.get(EntityManager).getConnection();
    const columns = (await connection.execute<Array<{ name: string }>>('pragma table_info(agents)')).map((c) => c.name);
    const copy = columns.map((c) => (c === 'id' || c === 'code' ? '?' : c)).join(', ');
    const ids = Array.from({ length: 1_234 }, (_, i) => `agt_BATCH${String(i).padStart(5, '0')}`);
    const longAgo = Date.now() - 3_600_000;
    for (const [i, id] of ids.entries()) {
      await connection.execute(`insert into agents (${columns.join(', ')}) select ${copy} from agents where id = ?`, [id, `batch-${i}`, template.agentId]);
    }
    await connection.execute(`update agents set status = 'OFFLINE', last_heartbeat_at = ? where id like 'agt_BATCH%'`, [longAgo]);
    const [disabled, newer] = [ids[700], ids[1_100]];
    await connection.execute(`update agents set status = 'DISABLED' where id = ?`, [disabled]);
    const future = Date.now() + 60_000;
    await connection.execute(`update agents set status = 'ONLINE', last_heartbeat_at = ? where id = ?`, [future, newer]);

    const [{ updated_at: newerUpdatedAt }] = await connection.execute<Array<{ updated_at: number }>>('select updated_at from agents where id = ?', [newer]);

    const announced: string[] = [];
    const unsubscribe = server.app.get(Notifier).subscribe(channels.adminStream, (payload) => announced.push((payload as { agentId: string }).agentId));
    const coalescer = server.app.get(HeartbeatCoalescer);
    const at = new Date();
    for (const id of ids) coalescer.touch(id, at);
    await coalescer.flush();
    unsubscribe();

    const rows = await connection.execute<Array<{ id: string; status: string; last_heartbeat_at: number; updated_at: number }>>(`select id, status, last_heartbeat_at, updated_at from agents where id like 'agt_BATCH%'`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    // revived: the status change is dated by the heartbeat that caused it
    for (const id of ids.filter((id) => id !== disabled && id !== newer)) {
      expect(byId.get(id)).toMatchObject({ status: 'ONLINE', last_heartbeat_at: at.getTime(), updated_at: at.getTime() });
    }
    expect(byId.get(disabled)).toMatchObject({ status: 'DISABLED', last_heartbeat_at: longAgo });
    // already ONLINE: a heartbeat alone is not a change of the row (updated_at stays)
    expect(byId.get(newer)).toMatchObject({ status: 'ONLINE', last_heartbeat_at: future, updated_at: newerUpdatedAt });
    // every agent the flush brought back ONLINE is announced to the console once; the ONLINE and DISABLED ones are not
    expect(announced.filter((id) => id.startsWith('agt_BATCH')).sort()).toEqual(ids.filter((id) => id !== disabled && id !== newer));
  });

  it('records an agent token’s last use within a second of the request, in the coalesced write', async () => {
    const agent = await registerAgent(server, admin, 'token-use-agent', null);
    const lastUsed = async () => (await server.sql<Array<{ last_used_at: number | null }>>('select last_used_at from agent_tokens where agent_id = ?', [agent.agentId]))[0].last_used_at;
    await server.app.get(TokenUseRecorder).flush(); // nothing pending from earlier tests: this request arms the timer
    const sent = Date.now();
    expect((await server.request('GET', `/api/agents/${agent.agentId}/commands?waitSeconds=0`, { headers: agent.auth })).status).toBe(200);
    expect(await lastUsed()).toBeNull(); // pending in memory…
    await new Promise((r) => setTimeout(r, 1500));
    expect(await lastUsed()).toBeGreaterThanOrEqual(sent); // …then written
  });

  it('makes agents this process has not seen ONLINE on their first poll, before answering it', async () => {
    const agents = await Promise.all(['revive-1', 'revive-2', 'revive-3'].map((code) => registerAgent(server, admin, code, null)));
    const em = server.app.get(EntityManager).fork();
    await em.nativeUpdate(Agent, { id: { $in: agents.map((a) => a.agentId) } }, { status: 'OFFLINE', lastHeartbeatAt: new Date(Date.now() - 3_600_000) });
    const sent = Date.now();
    const polls = await Promise.all(agents.map((a) => server.request('GET', `/api/agents/${a.agentId}/commands?waitSeconds=0`, { headers: a.auth })));
    expect(polls.map((res) => res.status)).toEqual([200, 200, 200]);
    for (const a of agents) {
      const row = await em.fork().findOneOrFail(Agent, { id: a.agentId });
      expect(row.status).toBe('ONLINE'); // written before the poll answered, not at the next coalesced flush
      expect(row.lastHeartbeatAt!.getTime()).toBeGreaterThanOrEqual(sent - 5);
    }
  });

  it('writes a first poll at once when the stored heartbeat is nearly stale, so an action right after is not refused', async () => {
    const agent = await registerAgent(server, admin, 'nearly-stale', null);
    const em = server.app.get(EntityManager).fork();
    const nearlyStale = new Date(Date.now() - server.config.agentOfflineThresholdSeconds * 1000 + 1_000);
    await em.nativeUpdate(Agent, { id: agent.agentId }, { status: 'ONLINE', lastHeartbeatAt: nearlyStale });
    const sent = Date.now();
    expect((await server.request('GET', `/api/agents/${agent.agentId}/commands?waitSeconds=0`, { headers: agent.auth })).status).toBe(200);
    const row = await em.fork().findOneOrFail(Agent, { id: agent.agentId });
    expect(row.lastHeartbeatAt!.getTime()).toBeGreaterThanOrEqual(sent - 5); // not left in memory, a second from stale
  });
});
