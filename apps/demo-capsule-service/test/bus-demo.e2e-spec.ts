import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TERMINAL_COMMAND_STATUSES } from '../../../libs/contracts/src';
import { AdminClient } from '../../opstage/test/harness';
import { commandEnded, DEMO_MAIN, freePort, ROOT, Running, spawnBuilt, startServer, stopProcess, waitUntil } from '../../opstage/test/processes';

const OPHUB_MAIN = join(ROOT, 'dist/server/apps/demo-capsule-service/src/ophub.js');
const OWNER = { username: 'owner@example.test', password: 'Owner-Password-123!' };

/**
 * The Capsule Bus end to end with real processes: the backend (bus on), the demo service (embedded agent, publishes
 * from its handlers, serves a local bus adapter) and the demo OpHub (one agent, two services: a consumer, and a
 * legacy shop whose adapter events it forwards).
 */
describe('the Capsule Bus with the demo service and the demo OpHub as real processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-bus-demo-'));
  let port: number;
  let backend: Running;
  let demo: Running;
  let ophub: Running;
  let ophubEnv: Record<string, string>;
  let admin: AdminClient;
  const services: Record<string, string> = {};

  async function execute(serviceCode: string, action: string, payload: Record<string, unknown>): Promise<string> {
    const res = await admin.post(`/api/admin/capsule-services/${services[serviceCode]}/actions/${action}`, { payload });
    expect(res.status).toBe(200);
    return res.body.data.id;
  }

  const finished = (commandId: string) => commandEnded(admin, backend, commandId);

  async function route(body: Record<string, unknown>): Promise<string> {
    const res = await admin.post('/api/admin/bus/routes', { status: 'ENABLED', ...body });
    expect(res.status).toBe(200);
    return res.body.data.id;
  }

  async function eventsOf(query: string): Promise<any[]> {
    return (await admin.get(`/api/admin/bus/events?pageSize=100&${query}`)).body.data;
  }

  beforeAll(async () => {
    const [demoPort, ophubPort] = [await freePort(), await freePort()];
    port = await freePort();
    backend = await startServer(
      dir,
      {
        OPSTAGE_PORT: String(port),
        OPSTAGE_HOST: '127.0.0.1',
        OPSTAGE_DATA_DIR: join(dir, 'data'),
        OPSTAGE_ADMIN_USERNAME: OWNER.username,
        OPSTAGE_ADMIN_PASSWORD: OWNER.password,
        OPSTAGE_SESSION_SECRET: 's'.repeat(48),
        OPSTAGE_LOG_LEVEL: 'warn',
        OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
        OPSTAGE_CAPSULE_BUS_ENABLED: 'true',
        OPSTAGE_HEARTBEAT_INTERVAL_SECONDS: '1',
        OPSTAGE_AGENT_OFFLINE_THRESHOLD_SECONDS: '6',
      },
      port,
    );
    admin = new AdminClient(`http://127.0.0.1:${port}`);
    expect((await admin.login(OWNER.username, OWNER.password)).status).toBe(200);
    const token = async (name: string) => (await admin.post('/api/admin/registration-tokens', { name })).body.data.rawToken as string;
    const common = { OPSTAGE_BACKEND_URL: `http://127.0.0.1:${port}`, OPSTAGE_LOG_LEVEL: 'warn' };
    demo = spawnBuilt(DEMO_MAIN, dir, { ...common, OPSTAGE_REGISTRATION_TOKEN: await token('demo'), OPSTAGE_AGENT_TOKEN_FILE: join(dir, 'demo-token.json'), DEMO_HTTP_PORT: String(demoPort) });
    ophubEnv = {
      ...common,
      OPSTAGE_AGENT_TOKEN_FILE: join(dir, 'ophub-token.json'),
      DEMO_HTTP_PORT: String(ophubPort),
      DEMO_ADAPTER_URL: `http://127.0.0.1:${demoPort}/capsule/bus/events`,
      DEMO_ADAPTER_INTERVAL_MS: '300',
    };
    ophub = spawnBuilt(OPHUB_MAIN, dir, { ...ophubEnv, OPSTAGE_REGISTRATION_TOKEN: await token('ophub') });
    await waitUntil(demo, 'the three demo services to be HEALTHY', async () => {
      const list: Array<{ code: string; id: string; status: string }> = (await admin.get('/api/admin/capsule-services?pageSize=50')).body.data ?? [];
      for (const s of list) services[s.code] = s.id;
      return ['demo-service', 'demo-fulfilment', 'demo-legacy-shop'].every((code) => list.find((s) => s.code === code)?.status === 'HEALTHY');
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    await stopProcess(ophub);
    await stopProcess(demo);
    await stopProcess(backend);
    rmSync(dir, { recursive: true, force: true });
  });

  it('order.created from a demo handler becomes a fulfilOrder command, executed, with event, command and result linked by correlation id', async () => {
    const routeId = await route({ name: 'orders to fulfilment', eventType: 'order.created', sourceServiceCode: 'demo-service', targetServiceCode: 'demo-fulfilment', actionName: 'fulfilOrder', inputMapping: { orderId: '$event.payload.orderId', customer: '$event.payload.customer', priority: 'express' } });
    const created = await finished(await execute('demo-service', 'createOrder', { customer: 'ada', total: 42 }));
    expect(created.status).toBe('SUCCEEDED');
    const { data: order } = (await admin.get(`/api/admin/commands/${created.id}`)).body.data.result;
    expect(order).toMatchObject({ orderId: expect.stringMatching(/^ord-/), customer: 'ada', total: 42, eventId: expect.stringMatching(/^bev_/), routedCommands: 1 });

    const [event] = await eventsOf(`correlationId=${order.correlationId}`);
    expect(event).toMatchObject({ id: order.eventId, eventType: 'order.created', sourceServiceCode: 'demo-service', depth: 0 });
    expect(event.dispatches).toEqual([expect.objectContaining({ routeId, status: 'CREATED', payload: { orderId: order.orderId, customer: 'ada', priority: 'express' } })]);
    const fulfilled = await finished(event.dispatches[0].commandId);
    expect(fulfilled).toMatchObject({ status: 'SUCCEEDED', actionName: 'fulfilOrder', causationEventId: event.id, correlationId: order.correlationId, createdByUserId: null });
    expect(fulfilled.result.data).toEqual({ orderId: order.orderId, customer: 'ada', priority: 'express' });

    const chain = (await admin.get(`/api/admin/audit-events?correlationId=${order.correlationId}&sort=createdAt&pageSize=50`)).body.data;
    expect(chain.map((a: { action: string }) => a.action)).toEqual(['bus.event.received', 'bus.route.matched', 'bus.command.created', 'command.dispatched', 'command.completed']);
    expect(chain.find((a: { action: string }) => a.action === 'command.completed').targetId).toBe(fulfilled.id);
  }, 60_000);

  it('a loop (pingBack publishes loop.ping again) is stopped by the depth guard with 422 BUS_DEPTH_EXCEEDED, audited', async () => {
    await route({ name: 'ping loop', eventType: 'loop.ping', targetServiceCode: 'demo-fulfilment', actionName: 'pingBack' });
    const root = await finished(await execute('demo-service', 'publishEvent', { eventType: 'loop.ping', payload: { from: 'operator' } }));
    expect(root.status).toBe('SUCCEEDED');
    const correlationId = root.result.data.correlationId;
    let pingBacks: any[] = [];
    await waitUntil(backend, 'the second pingBack to fail', async () => {
      pingBacks = (await admin.get(`/api/admin/commands?serviceId=${services['demo-fulfilment']}&pageSize=100`)).body.data.filter((c: any) => c.actionName === 'pingBack' && c.correlationId === correlationId);
      return pingBacks.length === 2 && pingBacks.every((c) => TERMINAL_COMMAND_STATUSES.includes(c.status));
    });
    const [first, second] = [...pingBacks].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(first.status).toBe('SUCCEEDED');
    expect(second).toMatchObject({ status: 'FAILED', errorCode: 'BUS_DEPTH_EXCEEDED' });
    const events = await eventsOf(`correlationId=${correlationId}`);
    expect(events.map((e) => e.depth).sort()).toEqual([0, 1]);
    const rejected = (await admin.get(`/api/admin/audit-events?action=bus.event.rejected&correlationId=${correlationId}`)).body.data;
    expect(rejected).toEqual([expect.objectContaining({ result: 'FAILURE', metadata: expect.objectContaining({ errorCode: 'BUS_DEPTH_EXCEEDED', depth: 2, maxDepth: 1 }) })]);
    // Nothing further happens: the loop is over.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await eventsOf(`correlationId=${correlationId}`)).length).toBe(2);
  }, 60_000);

  it('the OpHub forwards what the demo\'s local adapter returns as demo-legacy-shop events, and a route consumes them', async () => {
    await waitUntil(ophub, 'the adapter\'s example event to be forwarded', async () => (await eventsOf('sourceServiceCode=demo-legacy-shop&eventType=shop.hello')).length === 1);
    await route({ name: 'shipped to notify', eventType: 'order.*', sourceServiceCode: 'demo-legacy-shop', targetServiceCode: 'demo-fulfilment', actionName: 'notify', inputMapping: { message: '$event.payload.orderId' } });
    const shipped = await finished(await execute('demo-service', 'shipOrder', { orderId: 'ord-77' }));
    expect(shipped.status).toBe('SUCCEEDED');
    let event: any;
    await waitUntil(ophub, 'order.shipped to be forwarded', async () => {
      [event] = await eventsOf('sourceServiceCode=demo-legacy-shop&eventType=order.shipped');
      return !!event;
    });
    expect(event).toMatchObject({ clientEventId: shipped.result.data.adapterEventId, payload: { orderId: 'ord-77' } });
    const notified = await finished(event.dispatches[0].commandId);
    expect(notified).toMatchObject({ status: 'SUCCEEDED', actionName: 'notify', payload: { message: 'ord-77' } });
    // Forwarding is idempotent: the adapter's events are not stored twice however often the OpHub reads them.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await eventsOf('sourceServiceCode=demo-legacy-shop')).toHaveLength(2);
  }, 60_000);

  it('a dispatch to the stopped OpHub is dead-lettered, and replays once the OpHub is back: the order is fulfilled exactly once', async () => {
    await stopProcess(ophub);
    await waitUntil(backend, 'demo-fulfilment to be unavailable', async () => {
      const list: Array<{ code: string; status: string }> = (await admin.get('/api/admin/capsule-services?q=demo-fulfilment')).body.data;
      return list[0]?.status !== 'HEALTHY';
    }, 20_000);
    const created = await finished(await execute('demo-service', 'createOrder', { customer: 'grace', total: 7 }));
    const [event] = await eventsOf(`correlationId=${created.result.data.correlationId}`);
    const [letter] = event.dispatches;
    expect(letter).toMatchObject({ status: 'FAILED', errorCode: 'BUS_TARGET_UNAVAILABLE', commandId: null });
    expect((await admin.get('/api/admin/bus/dead-letters')).body.data.map((d: { id: string }) => d.id)).toContain(letter.id);

    ophub = spawnBuilt(OPHUB_MAIN, dir, ophubEnv); // the stored agent token: no registration token needed
    await waitUntil(ophub, 'demo-fulfilment to be HEALTHY again', async () => {
      const list: Array<{ code: string; status: string }> = (await admin.get('/api/admin/capsule-services?q=demo-fulfilment')).body.data;
      return list[0]?.status === 'HEALTHY';
    }, 30_000);
    const replayed = (await admin.post(`/api/admin/bus/dead-letters/${letter.id}/replay`)).body.data;
    expect(replayed).toMatchObject({ status: 'REPLAYED', attempts: 2 });
    const fulfilled = await finished(replayed.commandId);
    expect(fulfilled).toMatchObject({ status: 'SUCCEEDED', causationEventId: event.id, payload: { orderId: created.result.data.orderId, customer: 'grace', priority: 'express' } });
    const status = (await (await fetch(`http://127.0.0.1:${ophubEnv.DEMO_HTTP_PORT}/healthz`)).json()) as { executions: Record<string, number> };
    expect(status.executions.fulfilOrder).toBe(1); // this OpHub process ran it once
    expect((await admin.get('/api/admin/bus/dead-letters')).body.data.map((d: { id: string }) => d.id)).not.toContain(letter.id);
  }, 90_000);
});

describe('the demo against a backend whose bus is off, then rate-limited, as real processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-bus-guard-'));
  let backend: Running | undefined;
  let demo: Running | undefined;

  afterEach(async () => {
    await stopProcess(demo);
    await stopProcess(backend);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function startPair(env: Record<string, string>): Promise<{ admin: AdminClient; serviceId: string }> {
    const [port, demoPort] = [await freePort(), await freePort()];
    const data = mkdtempSync(join(dir, 'run-'));
    backend = await startServer(data, { OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1', OPSTAGE_DATA_DIR: join(data, 'data'), OPSTAGE_ADMIN_USERNAME: OWNER.username, OPSTAGE_ADMIN_PASSWORD: OWNER.password, OPSTAGE_SESSION_SECRET: 's'.repeat(48), OPSTAGE_LOG_LEVEL: 'warn', OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0', ...env }, port);
    const admin = new AdminClient(`http://127.0.0.1:${port}`);
    expect((await admin.login(OWNER.username, OWNER.password)).status).toBe(200);
    const token = (await admin.post('/api/admin/registration-tokens', { name: 'demo' })).body.data.rawToken as string;
    demo = spawnBuilt(DEMO_MAIN, data, { OPSTAGE_BACKEND_URL: `http://127.0.0.1:${port}`, OPSTAGE_LOG_LEVEL: 'warn', OPSTAGE_REGISTRATION_TOKEN: token, OPSTAGE_AGENT_TOKEN_FILE: join(data, 'demo-token.json'), DEMO_HTTP_PORT: String(demoPort) });
    let serviceId = '';
    await waitUntil(demo, 'the demo service', async () => {
      serviceId = (await admin.get('/api/admin/capsule-services?q=demo-service')).body.data?.[0]?.id;
      return !!serviceId;
    });
    return { admin, serviceId };
  }

  async function run(admin: AdminClient, serviceId: string, action: string, payload: Record<string, unknown>): Promise<any> {
    const id = (await admin.post(`/api/admin/capsule-services/${serviceId}/actions/${action}`, { payload })).body.data.id;
    return commandEnded(admin, demo, id);
  }

  it('with the flag off, publishing fails in the handler with CAPSULE_BUS_DISABLED and the demo runs on', async () => {
    const { admin, serviceId } = await startPair({});
    const command = await run(admin, serviceId, 'createOrder', { customer: 'ada', total: 1 });
    expect(command).toMatchObject({ status: 'FAILED', errorCode: 'CAPSULE_BUS_DISABLED' });
    expect((await run(admin, serviceId, 'echo', { message: 'still here' })).status).toBe('SUCCEEDED');
  }, 60_000);

  it('the per-agent rate limit answers the SDK with BUS_RATE_LIMITED after N events a minute', async () => {
    const { admin, serviceId } = await startPair({ OPSTAGE_CAPSULE_BUS_ENABLED: 'true', OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '3' });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i += 1) outcomes.push((await run(admin, serviceId, 'publishEvent', { eventType: 'tick', payload: { i } })).errorCode ?? 'OK');
    expect(outcomes).toEqual(['OK', 'OK', 'OK', 'BUS_RATE_LIMITED']);
    expect((await admin.get('/api/admin/bus/diagnostics')).body.data.rejections.rateLimited).toBe(1);
  }, 60_000);
});
