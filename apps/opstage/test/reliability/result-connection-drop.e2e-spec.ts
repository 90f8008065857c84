import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CapsuleAgent } from '../../../../libs/agent-sdk/src';
import { openNativeSqlite } from '../../src/database/native-sqlite';
import { AdminClient, request } from '../harness';
import { freePort, Running, startServer, stopProcess } from '../processes';
import { CuttingProxy, Fault } from './cutting-proxy';

const OWNER = { username: 'owner@example.test', password: 'Owner-Password-123!' };
const isResultPost = (head: string) => /^POST \/api\/agents\/[^/]+\/commands\/[^/]+\/result /.test(head);

/**
 * R4: the connection drops while an agent is sending a command result. A real server process; the SDK agent talks to
 * it through a proxy that breaks one result request, and the SDK's own retry has to finish the job. Also a raw client
 * that sends half a result body and hangs up.
 */
describe('connection dropped while a result is being sent (R4)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-r4-'));
  const dbFile = join(dir, 'data', 'opstage.db');
  let server: Running | undefined;
  let port: number;
  let proxy: CuttingProxy;
  let agent: CapsuleAgent | undefined;
  let admin: AdminClient;
  let serviceId: string;
  const runs = new Map<string, number>();

  const base = () => `http://127.0.0.1:${port}`;
  const counts = (commandId: string) => {
    const db = openNativeSqlite(dbFile, { readonly: true });
    try {
      const one = (sql: string) => (db.prepare(sql).get(commandId) as { n: number }).n;
      return {
        results: one('select count(*) as n from command_results where command_id = ?'),
        completedAudits: one(`select count(*) as n from audit_events where target_id = ? and action in ('command.completed', 'command.failed')`),
      };
    } finally {
      db.close();
    }
  };
  const finished = async (commandId: string) => {
    for (let i = 0; i < 300; i++) {
      const command = (await admin.get(`/api/admin/commands/${commandId}`)).body.data;
      if (command.status !== 'PENDING' && command.status !== 'RUNNING') return command;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`command ${commandId} did not finish`);
  };

  beforeAll(async () => {
    port = await freePort();
    server = await startServer(dir, {
      OPSTAGE_PORT: String(port),
      OPSTAGE_HOST: '127.0.0.1',
      OPSTAGE_DATA_DIR: join(dir, 'data'),
      OPSTAGE_ADMIN_USERNAME: OWNER.username,
      OPSTAGE_ADMIN_PASSWORD: OWNER.password,
      OPSTAGE_SESSION_SECRET: 'r'.repeat(48),
      OPSTAGE_LOG_LEVEL: 'warn',
      OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
    }, port);
    admin = new AdminClient(base());
    expect((await admin.login(OWNER.username, OWNER.password)).status).toBe(200);
    proxy = new CuttingProxy(port);
    const proxyUrl = await proxy.start();

    const registrationToken = (await admin.post('/api/admin/registration-tokens', { name: 'r4' })).body.data.rawToken;
    agent = new CapsuleAgent({
      backendUrl: proxyUrl,
      registrationToken,
      tokenStore: { file: join(dir, 'agent-token.json') },
      agent: { code: 'r4-agent' },
      service: { code: 'r4-service', name: 'R4 service' },
      backoff: { initialMs: 50, maxMs: 200 },
      logLevel: 'silent',
    });
    agent.action({
      name: 'record',
      label: 'Record',
      handler: (payload, context) => {
        runs.set(context.commandId, (runs.get(context.commandId) ?? 0) + 1);
        // A body worth cutting in half.
        return { echoed: payload.text, padding: 'x'.repeat(4_000) };
      },
    });
    await agent.start();
    serviceId = (await admin.get('/api/admin/capsule-services?q=r4-service')).body.data[0].id;
  });

  afterAll(async () => {
    await agent?.stop();
    await proxy?.stop();
    await stopProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[Fault, string]>([
    ['cut-request-body', 'the result request is cut halfway through its body'],
    ['drop-response', 'the server commits the result but the connection drops before the answer'],
  ])('%s: %s — the SDK retries, the action ran once, and the command has exactly one result', async (fault) => {
    const faultsBefore = proxy.faultsApplied;
    proxy.arm(fault, isResultPost);
    const commandId = (await admin.post(`/api/admin/capsule-services/${serviceId}/actions/record`, { payload: { text: fault } })).body.data.id;

    const command = await finished(commandId);
    expect(proxy.faultsApplied).toBe(faultsBefore + 1);
    expect(command).toMatchObject({ status: 'SUCCEEDED', result: { success: true, data: { echoed: fault } } });
    expect(runs.get(commandId)).toBe(1);
    expect(counts(commandId)).toEqual({ results: 1, completedAudits: 1 });
    expect(proxy.statuses.filter((status) => status >= 500)).toEqual([]);
  });

  it('a raw client that sends half a result body and hangs up leaves the command RUNNING with no result; the full retry lands once', async () => {
    const registrationToken = (await admin.post('/api/admin/registration-tokens', { name: 'r4-raw' })).body.data.rawToken;
    const registered = await request(base(), 'POST', '/api/agents/register', {
      body: { registrationToken, agent: { code: 'r4-raw' }, service: { code: 'r4-raw-service', name: 'R4 raw', actions: [{ name: 'work', label: 'Work' }] } },
    });
    const raw = { agentId: registered.body.data.agentId as string, auth: { authorization: `Bearer ${registered.body.data.agentToken}` } };
    const rawServiceId = (await admin.get('/api/admin/capsule-services?q=r4-raw-service')).body.data[0].id;
    const commandId = (await admin.post(`/api/admin/capsule-services/${rawServiceId}/actions/work`, { payload: {} })).body.data.id;
    const polled = await request(base(), 'GET', `/api/agents/${raw.agentId}/commands`, { headers: raw.auth });
    expect(polled.body.data.map((c: { id: string }) => c.id)).toEqual([commandId]);

    const body = JSON.stringify({ success: true, message: 'done', data: { padding: 'y'.repeat(2_000) } });
    const path = `/api/agents/${raw.agentId}/commands/${commandId}/result`;
    const key = `result-${commandId}`;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${raw.auth.authorization}\r\nIdempotency-Key: ${key}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        );
        socket.write(body.slice(0, body.length / 2), () => setTimeout(() => socket.destroy(), 100));
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });

    expect((await admin.get(`/api/admin/commands/${commandId}`)).body.data).toMatchObject({ status: 'RUNNING', result: null });
    expect(counts(commandId)).toEqual({ results: 0, completedAudits: 0 });
    expect((await request(base(), 'GET', '/health')).status).toBe(200);

    const headers = { ...raw.auth, 'idempotency-key': key, 'content-type': 'application/json' };
    const retried = await request(base(), 'POST', path, { headers, rawBody: body });
    expect(retried.status).toBe(200);
    const repeated = await request(base(), 'POST', path, { headers, rawBody: body });
    expect([repeated.status, repeated.body.data.id]).toEqual([200, retried.body.data.id]);
    const unkeyed = await request(base(), 'POST', path, { headers: raw.auth, body: { success: true } });
    expect([unkeyed.status, unkeyed.body.error.code]).toEqual([409, 'COMMAND_ALREADY_COMPLETED']);

    expect((await admin.get(`/api/admin/commands/${commandId}`)).body.data).toMatchObject({ status: 'SUCCEEDED', result: { message: 'done' } });
    expect(counts(commandId)).toEqual({ results: 1, completedAudits: 1 });
    expect(server!.output()).not.toMatch(/"level":(50|60)/); // no request ended in a logged server error
  });
});
