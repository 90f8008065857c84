import { openNativeSqlite } from '../src/database/native-sqlite';
import { createRoute, publish, setAgentState } from './bus-fixtures';
import { AgentFixture, createAgentWithService, ECHO_SCHEMA } from './command-fixtures';
import { AdminClient, TestServer } from './harness';
import { waitFor } from './wait-for';

async function createViewer(owner: AdminClient, server: TestServer, username: string): Promise<AdminClient> {
  const password = 'Viewer-Password-123!';
  const created = await owner.post('/api/admin/users', { username, password, role: 'viewer' });
  expect(created.status).toBe(200);
  const viewer = server.admin();
  expect((await viewer.login(username, password)).status).toBe(200);
  return viewer;
}

describe('Capsule Bus with the flag off', () => {
  const server = new TestServer();
  let owner: AdminClient;
  let agent: AgentFixture;

  beforeAll(async () => {
    await server.start();
    owner = await server.owner();
    agent = await createAgentWithService(server, { code: 'off-agent' });
  });
  afterAll(() => server.stop());

  it('answers 404 CAPSULE_BUS_DISABLED only after authentication and the role check', async () => {
    const anonymous = await server.request('POST', `/api/agents/${agent.agentId}/bus/events`, { body: { eventType: 'x', sourceServiceCode: 'off-agent-svc' } });
    expect(anonymous.status).toBe(401);
    const ingest = await publish(server, agent, { eventType: 'x', sourceServiceCode: 'off-agent-svc' });
    expect(ingest.status).toBe(404);
    expect(ingest.body.error.code).toBe('CAPSULE_BUS_DISABLED');
    expect((await server.request('GET', '/api/admin/bus/routes')).status).toBe(401);
    const viewer = await createViewer(owner, server, 'viewer-off@example.test');
    expect((await viewer.get('/api/admin/bus/routes')).body.error.code).toBe('CAPSULE_BUS_DISABLED');
    expect((await viewer.post('/api/admin/bus/routes', {})).status).toBe(403);
    expect((await owner.get('/api/admin/bus/events')).body.error.code).toBe('CAPSULE_BUS_DISABLED');
  });
});

describe('Capsule Bus', () => {
  const server = new TestServer({ OPSTAGE_CAPSULE_BUS_ENABLED: 'true', OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '5' });
  let owner: AdminClient;
  let source: AgentFixture;
  let target: AgentFixture;

  beforeAll(async () => {
    await server.start();
    owner = await server.owner();
    source = await createAgentWithService(server, { code: 'shop' });
    target = await createAgentWithService(server, { code: 'mailer' });
  });
  afterAll(() => server.stop());

  const orderRoute = (overrides: Record<string, unknown> = {}) => ({
    name: 'order to echo',
    status: 'ENABLED',
    eventType: 'order.created',
    sourceServiceCode: 'shop-svc',
    targetServiceCode: 'mailer-svc',
    actionName: 'echo',
    inputMapping: { message: '$event.payload.orderId', count: 1 },
    ...overrides,
  });

  it('refuses to save a route whose target, mapping or condition is not acceptable, with the field named', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ targetServiceCode: 'nowhere' }, 'targetServiceCode'],
      [{ actionName: 'missing' }, 'actionName'],
      [{ actionName: 'danger' }, 'actionName'],
      [{ actionName: 'wipe' }, 'actionName'],
      [{ inputMapping: { message: '$event.payloadd.x' } }, 'inputMapping.message'],
      [{ condition: { type: 'no-such-type' } }, 'condition'],
    ];
    for (const [override, path] of cases) {
      const res = await owner.post('/api/admin/bus/routes', orderRoute(override));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('BUS_ROUTE_INVALID');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const malformed = await owner.post('/api/admin/bus/routes', orderRoute({ eventType: 'order.*.x', status: 'SOMETIMES' }));
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    expect((await owner.get('/api/admin/bus/routes')).body.data).toEqual([]);
  });

  it('routes an event to one command per ENABLED route in one chain: mapped payload, causation and correlation on the command and the audit', async () => {
    const route = await createRoute(owner, orderRoute());
    const res = await publish(server, source, { eventType: 'order.created', sourceServiceCode: 'shop-svc', payload: { orderId: 'o-1', apiToken: 'tok-secret-1' }, eventId: 'evt-1' });
    expect(res.status).toBe(200);
    const { eventId, correlationId, routedCommands, duplicate, depth } = res.body.data;
    expect({ duplicate, depth, correlationId }).toEqual({ duplicate: false, depth: 0, correlationId: eventId });
    expect(routedCommands).toEqual([expect.objectContaining({ routeId: route.id, status: 'CREATED', dryRun: false, targetServiceCode: 'mailer-svc', actionName: 'echo' })]);

    const poll = await target.poll();
    expect(poll.body.data).toHaveLength(1);
    const command = poll.body.data[0];
    expect(command).toMatchObject({ id: routedCommands[0].commandId, actionName: 'echo', payload: { message: 'o-1', count: 1 }, causationEventId: eventId, correlationId: eventId, createdByUserId: null });
    expect((await target.report(command.id, { success: true, message: 'sent' })).status).toBe(200);

    const stored = (await owner.get(`/api/admin/bus/events/${eventId}`)).body.data;
    expect(stored.payload).toEqual({ orderId: 'o-1', apiToken: '[REDACTED]' });
    expect(stored.dispatches).toEqual([expect.objectContaining({ status: 'CREATED', commandId: command.id })]);

    const chain = (await owner.get(`/api/admin/audit-events?correlationId=${eventId}&sort=createdAt&pageSize=50`)).body.data.map((a: { action: string }) => a.action);
    expect(chain).toEqual(['bus.event.received', 'bus.route.matched', 'bus.command.created', 'command.dispatched', 'command.completed']);

    await waitFor(async () => (await owner.get(`/api/admin/bus/events/${eventId}`)).body.data.dispatches[0].commandStatus === 'SUCCEEDED');
    const diagnostics = (await owner.get('/api/admin/bus/diagnostics')).body.data;
    expect(diagnostics.routes.find((r: { routeId: string }) => r.routeId === route.id)).toMatchObject({ matched: 1, dispatched: 1, dryRun: 0, failed: 0, commandsSucceeded: 1 });
    await owner.send('DELETE', `/api/admin/bus/routes/${route.id}`);
  });

  it('accepts a duplicate eventId once and answers the repeat with the first outcome', async () => {
    const first = await publish(server, source, { eventType: 'order.created', sourceServiceCode: 'shop-svc', payload: { orderId: 'dup' }, eventId: 'evt-dup' });
    const again = await publish(server, source, { eventType: 'order.created', sourceServiceCode: 'shop-svc', payload: { orderId: 'dup' }, eventId: 'evt-dup' });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ ...first.body.data, duplicate: true });
    const events = (await owner.get('/api/admin/bus/events?pageSize=100')).body;
    expect(events.experimental).toBe('v0.4-experimental');
    expect(events.data.filter((e: { clientEventId: string }) => e.clientEventId === 'evt-dup')).toHaveLength(1);
  });

  it('DRY_RUN records the payload it would dispatch without creating a command; routePolicy.dryRun forces it', async () => {
    const route = await createRoute(owner, orderRoute({ status: 'DRY_RUN', eventType: 'order.*' }));
    const res = await publish(server, source, { eventType: 'order.paid', sourceServiceCode: 'shop-svc', payload: { orderId: 'o-dry' } });
    expect(res.body.data.routedCommands).toEqual([expect.objectContaining({ routeId: route.id, status: 'DRY_RUN', dryRun: true })]);
    expect(res.body.data.routedCommands[0].commandId).toBeUndefined();
    const event = (await owner.get(`/api/admin/bus/events/${res.body.data.eventId}`)).body.data;
    expect(event.dispatches[0]).toMatchObject({ status: 'DRY_RUN', payload: { message: 'o-dry', count: 1 }, commandId: null });
    expect((await target.poll()).body.data).toEqual([]);

    await owner.send('PUT', `/api/admin/bus/routes/${route.id}`, orderRoute({ status: 'ENABLED', eventType: 'order.*' }));
    const forced = await publish(server, source, { eventType: 'order.paid', sourceServiceCode: 'shop-svc', payload: { orderId: 'o-forced' }, routePolicy: { dryRun: true } });
    expect(forced.body.data.routedCommands[0]).toMatchObject({ status: 'DRY_RUN', dryRun: true });
    expect((await target.poll()).body.data).toEqual([]);
    await owner.send('DELETE', `/api/admin/bus/routes/${route.id}`);
  });

  it('holds the source-ownership rule: another agent\'s service is 403, an unknown one 404', async () => {
    const forged = await publish(server, source, { eventType: 'order.created', sourceServiceCode: 'mailer-svc' });
    expect([forged.status, forged.body.error.code]).toEqual([403, 'BUS_SOURCE_SERVICE_FORBIDDEN']);
    const unknown = await publish(server, source, { eventType: 'order.created', sourceServiceCode: 'ghost-svc' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'BUS_SOURCE_SERVICE_NOT_FOUND']);
  });

  it('computes depth from the stored causation chain and refuses an event deeper than the limit, audited', async () => {
    const publisher = await createAgentWithService(server, { code: 'looper' });
    const root = await publish(server, publisher, { eventType: 'ping', sourceServiceCode: 'looper-svc' });
    const child = await publish(server, publisher, { eventType: 'ping', sourceServiceCode: 'looper-svc', causationId: root.body.data.eventId });
    expect(child.body.data).toMatchObject({ depth: 1, correlationId: root.body.data.eventId });
    const grandchild = await publish(server, publisher, { eventType: 'ping', sourceServiceCode: 'looper-svc', causationId: child.body.data.eventId });
    expect([grandchild.status, grandchild.body.error.code]).toEqual([422, 'BUS_DEPTH_EXCEEDED']);
    expect(grandchild.body.error.details).toMatchObject({ depth: 2, maxDepth: 1 });
    const audit = (await owner.get(`/api/admin/audit-events?action=bus.event.rejected&actorId=${publisher.agentId}`)).body.data;
    expect(audit).toEqual([expect.objectContaining({ result: 'FAILURE', correlationId: root.body.data.eventId, metadata: expect.objectContaining({ errorCode: 'BUS_DEPTH_EXCEEDED', depth: 2 }) })]);
    const unknownCause = await publish(server, publisher, { eventType: 'ping', sourceServiceCode: 'looper-svc', causationId: 'bev_01NOSUCHEVENT' });
    expect(unknownCause.status).toBe(422);
    expect(unknownCause.body.error.details.issues[0].path).toBe('causationId');
  });

  it('answers 429 BUS_RATE_LIMITED after N events a minute from one agent, counted in diagnostics', async () => {
    const chatty = await createAgentWithService(server, { code: 'chatty' });
    for (let i = 0; i < 5; i += 1) expect((await publish(server, chatty, { eventType: 'tick', sourceServiceCode: 'chatty-svc' })).status).toBe(200);
    const refused = await publish(server, chatty, { eventType: 'tick', sourceServiceCode: 'chatty-svc' });
    expect([refused.status, refused.body.error.code, refused.headers.get('retry-after')]).toEqual([429, 'BUS_RATE_LIMITED', '60']);
    expect((await publish(server, source, { eventType: 'tick', sourceServiceCode: 'shop-svc' })).status).toBe(200);
    const diagnostics = (await owner.get('/api/admin/bus/diagnostics')).body.data;
    expect(diagnostics.rejections.rateLimited).toBe(1);
    expect(diagnostics.recentRejections[0]).toMatchObject({ agentId: chatty.agentId, code: 'BUS_RATE_LIMITED' });
    const events = (await owner.get(`/api/admin/bus/events?agentId=${chatty.agentId}`)).body;
    expect(events.pagination.total).toBe(5);
  });

  it('dead-letters a dispatch to an offline target, keeps the raw payload sealed, and replays it once the target is back', async () => {
    const publisher = await createAgentWithService(server, { code: 'billing' });
    const offline = await createAgentWithService(server, { code: 'ledger', status: 'OFFLINE' });
    await createRoute(owner, { name: 'invoice to ledger', status: 'ENABLED', eventType: 'invoice.issued', targetServiceCode: 'ledger-svc', actionName: 'echo', inputMapping: { message: '$event.payload.apiToken' } });
    const res = await publish(server, publisher, { eventType: 'invoice.issued', sourceServiceCode: 'billing-svc', payload: { apiToken: 'raw-secret-42' } });
    const [failed] = res.body.data.routedCommands;
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'BUS_TARGET_UNAVAILABLE' });
    expect(failed.errorMessage).toContain('AGENT_OFFLINE');
    const letters = (await owner.get('/api/admin/bus/dead-letters')).body.data;
    expect(letters.map((d: { id: string }) => d.id)).toContain(failed.dispatchId);

    const viewer = await createViewer(owner, server, 'viewer-bus@example.test');
    expect((await viewer.post(`/api/admin/bus/dead-letters/${failed.dispatchId}/replay`)).status).toBe(403);
    const stillDown = await owner.post(`/api/admin/bus/dead-letters/${failed.dispatchId}/replay`);
    expect(stillDown.body.data).toMatchObject({ status: 'FAILED', attempts: 2, errorCode: 'BUS_TARGET_UNAVAILABLE' });

    await setAgentState(server, offline.agentId, 'ONLINE');
    const replayed = await owner.post(`/api/admin/bus/dead-letters/${failed.dispatchId}/replay`);
    expect(replayed.body.data).toMatchObject({ status: 'REPLAYED', attempts: 3 });
    const [command] = (await offline.poll()).body.data;
    expect(command).toMatchObject({ id: replayed.body.data.commandId, payload: { message: 'raw-secret-42' }, causationEventId: res.body.data.eventId });
    const again = await owner.post(`/api/admin/bus/dead-letters/${failed.dispatchId}/replay`);
    expect([again.status, again.body.error.code]).toEqual([409, 'BUS_DISPATCH_NOT_REPLAYABLE']);
    const replayAudit = (await owner.get(`/api/admin/audit-events?action=bus.dispatch.replayed&targetId=${failed.dispatchId}`)).body.data;
    expect(replayAudit.map((a: { result: string }) => a.result).sort()).toEqual(['FAILURE', 'SUCCESS']);
    const stored = await server.sql('select sealed_payload from bus_events where id = ?', [res.body.data.eventId]);
    expect(stored[0].sealed_payload).toBeNull();
  });

  it('dead-letters a mapping the target schema refuses, and replays it with the corrected route', async () => {
    const publisher = await createAgentWithService(server, { code: 'crm' });
    const route = await createRoute(owner, { name: 'lead to echo', status: 'ENABLED', eventType: 'lead.created', targetServiceCode: 'mailer-svc', actionName: 'echo', inputMapping: { message: '$event.payload.name' } });
    const res = await publish(server, publisher, { eventType: 'lead.created', sourceServiceCode: 'crm-svc', payload: { fullName: 'Ada' } });
    const [failed] = res.body.data.routedCommands;
    expect(failed).toMatchObject({ status: 'FAILED', errorCode: 'BUS_MAPPING_INVALID' });
    const letter = (await owner.get(`/api/admin/bus/events/${res.body.data.eventId}`)).body.data.dispatches[0];
    expect(letter.issues).toEqual([expect.objectContaining({ path: 'payload.message' })]);
    await owner.send('PUT', `/api/admin/bus/routes/${route.id}`, { name: 'lead to echo', status: 'ENABLED', eventType: 'lead.created', targetServiceCode: 'mailer-svc', actionName: 'echo', inputMapping: { message: '$event.payload.fullName' } });
    const replayed = await owner.post(`/api/admin/bus/dead-letters/${failed.dispatchId}/replay`);
    expect(replayed.body.data.status).toBe('REPLAYED');
    const [command] = (await target.poll()).body.data;
    expect(command).toMatchObject({ payload: { message: 'Ada' } });
    await owner.send('DELETE', `/api/admin/bus/routes/${route.id}`);
  });

  it('tests a sample event against every route without storing or dispatching anything', async () => {
    const matching = await createRoute(owner, orderRoute({ name: 'big orders', condition: { properties: { total: { minimum: 100 } }, required: ['total'] } }));
    const other = await createRoute(owner, orderRoute({ name: 'refunds', eventType: 'order.refunded' }));
    const before = (await owner.get('/api/admin/bus/events')).body.pagination.total;
    const small = (await owner.post('/api/admin/bus/routes/test', { eventType: 'order.created', sourceServiceCode: 'shop-svc', payload: { orderId: 'o-9', total: 5 } })).body.data;
    expect(small.find((r: { routeId: string }) => r.routeId === matching.id)).toMatchObject({ matched: false });
    const big = (await owner.post('/api/admin/bus/routes/test', { eventType: 'order.created', sourceServiceCode: 'shop-svc', payload: { orderId: 'o-9', total: 500 } })).body.data;
    expect(big.find((r: { routeId: string }) => r.routeId === matching.id)).toMatchObject({ matched: true, wouldDispatch: true, payload: { message: 'o-9', count: 1 } });
    expect(big.find((r: { routeId: string }) => r.routeId === other.id)).toMatchObject({ matched: false });
    expect((await owner.get('/api/admin/bus/events')).body.pagination.total).toBe(before);
    expect((await target.poll()).body.data).toEqual([]);
    await owner.send('DELETE', `/api/admin/bus/routes/${matching.id}`);
    await owner.send('DELETE', `/api/admin/bus/routes/${other.id}`);
  });

  it('leaves no half-written state when dispatch fails midway, and the same eventId then goes through once', async () => {
    const publisher = await createAgentWithService(server, { code: 'orders2' });
    await createRoute(owner, orderRoute({ name: 'first', sourceServiceCode: 'orders2-svc' }));
    await createRoute(owner, orderRoute({ name: 'second', sourceServiceCode: 'orders2-svc' }));
    const db = openNativeSqlite(server.config.databasePath);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const snapshot = () => [count('select count(*) as n from bus_events'), count('select count(*) as n from bus_dispatches'), count('select count(*) as n from commands'), count('select count(*) as n from audit_events')];
    try {
      const before = snapshot();
      // The second route's command audit row fails: the event, the first route's command and every audit row must go too.
      db.exec(`create trigger fail_second_dispatch before insert on audit_events
        when new.action = 'bus.command.created' and (select count(*) from commands where payload like '%o-crash%') >= 2
        begin select raise(abort, 'injected failure'); end`);
      const crashed = await publish(server, publisher, { eventType: 'order.created', sourceServiceCode: 'orders2-svc', payload: { orderId: 'o-crash' }, eventId: 'evt-crash' });
      expect(crashed.status).toBe(500);
      expect(crashed.body.error.code).toBe('INTERNAL_ERROR');
      expect(snapshot()).toEqual(before);
      db.exec('drop trigger fail_second_dispatch');
      const retried = await publish(server, publisher, { eventType: 'order.created', sourceServiceCode: 'orders2-svc', payload: { orderId: 'o-crash' }, eventId: 'evt-crash' });
      expect(retried.body.data.duplicate).toBe(false);
      expect(retried.body.data.routedCommands.map((r: { status: string }) => r.status)).toEqual(['CREATED', 'CREATED']);
      const repeat = await publish(server, publisher, { eventType: 'order.created', sourceServiceCode: 'orders2-svc', payload: { orderId: 'o-crash' }, eventId: 'evt-crash' });
      expect(repeat.body.data.duplicate).toBe(true);
      expect(count("select count(*) as n from commands where payload like '%o-crash%'")).toBe(2);
    } finally {
      db.close();
    }
  });

  it('checks an event against the payload schema its source declares (v0.3 metadata), and shows that metadata', async () => {
    const publisher = await createAgentWithService(server, { code: 'catalog' });
    const manifest = {
      capabilities: ['catalog.search', { code: 'catalog.index', name: 'Indexing' }],
      events: { published: [{ type: 'item.indexed', description: 'An item entered the index', payloadSchema: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, token: { type: 'string' } } } }], consumed: [{ type: 'order.created' }] },
      permissions: [{ code: 'catalog.reindex', actions: ['echo'], dangerLevel: 'MEDIUM' }],
    };
    const service = { code: 'catalog-svc', name: 'Catalog', manifest, actions: [{ name: 'echo', label: 'Echo', inputSchema: ECHO_SCHEMA }] };
    const reported = await server.request('POST', `/api/agents/${publisher.agentId}/services/report`, { headers: { authorization: `Bearer ${publisher.token}` }, body: { services: [service] } });
    expect(reported.status).toBe(200);
    const bad = await publish(server, publisher, { eventType: 'item.indexed', sourceServiceCode: 'catalog-svc', payload: { name: 'no sku' } });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'BUS_EVENT_PAYLOAD_INVALID']);
    expect(bad.body.error.details.issues[0].path).toBe('payload.sku');
    expect((await publish(server, publisher, { eventType: 'item.indexed', sourceServiceCode: 'catalog-svc', payload: { sku: 'A-1' } })).status).toBe(200);

    const detail = (await owner.get(`/api/admin/capsule-services/${publisher.serviceId}`)).body.data;
    expect(detail.capabilities).toEqual([{ code: 'catalog.search' }, { code: 'catalog.index', name: 'Indexing' }]);
    expect(detail.events.published[0].payloadSchema.properties.token).toEqual({ type: 'string' });
    expect(detail.events.consumed).toEqual([{ type: 'order.created' }]);
    expect(detail.permissions).toEqual([{ code: 'catalog.reindex', actions: ['echo'], dangerLevel: 'MEDIUM' }]);

    const invalid = await server.request('POST', `/api/agents/${publisher.agentId}/services/report`, {
      headers: { authorization: `Bearer ${publisher.token}` },
      body: { services: [{ ...service, manifest: { events: { published: [{ description: 'no type' }] }, capabilities: [42] } }] },
    });
    expect([invalid.status, invalid.body.error.code]).toEqual([422, 'CAPSULE_SERVICE_MANIFEST_INVALID']);
    expect(invalid.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['manifest.events.published.0', 'manifest.capabilities.0']));

    // Well-formed metadata whose payload schema does not compile is refused too, and the stored manifest stays.
    const uncompilable = await server.request('POST', `/api/agents/${publisher.agentId}/services/report`, {
      headers: { authorization: `Bearer ${publisher.token}` },
      body: { services: [{ ...service, manifest: { events: { published: [{ type: 'catalog.changed', payloadSchema: { type: 'no-such-type' } }] } } }] },
    });
    expect([uncompilable.status, uncompilable.body.error.code]).toEqual([422, 'CAPSULE_SERVICE_MANIFEST_INVALID']);
    expect(uncompilable.body.error.details.issues).toEqual([expect.objectContaining({ path: 'manifest.events.published.0.payloadSchema', message: expect.stringMatching(/^is not a valid JSON Schema/) })]);
    expect((await owner.get(`/api/admin/capsule-services/${publisher.serviceId}`)).body.data.capabilities).toEqual([{ code: 'catalog.search' }, { code: 'catalog.index', name: 'Indexing' }]);
  });
});
