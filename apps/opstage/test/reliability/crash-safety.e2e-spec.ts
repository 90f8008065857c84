import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient, request } from '../harness';
import { freePort, Running, startServer, stopProcess } from '../processes';
import { databaseProblems, emptyAcknowledged } from './database-invariants';

const OWNER = { username: 'owner@example.test', password: 'Owner-Password-123!' };
const KILLS = 20;

/**
 * R1: registrations, commands and results driven against a real server process that is killed with SIGKILL at random
 * moments. After every kill the SQLite file must pass `integrity_check`, hold every write that was answered 2xx, hold
 * no command in an impossible state, and have an audit row for every state change.
 */
describe('crash safety under SIGKILL (R1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opstage-crash-'));
  const dbFile = join(dir, 'data', 'opstage.db');
  const acked = emptyAcknowledged();
  let port: number;
  let server: Running | undefined;

  const env = () => ({
    OPSTAGE_PORT: String(port),
    OPSTAGE_HOST: '127.0.0.1',
    OPSTAGE_DATA_DIR: join(dir, 'data'),
    OPSTAGE_ADMIN_USERNAME: OWNER.username,
    OPSTAGE_ADMIN_PASSWORD: OWNER.password,
    OPSTAGE_SESSION_SECRET: 'k'.repeat(48),
    OPSTAGE_LOG_LEVEL: 'warn',
    OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
  });
  const base = () => `http://127.0.0.1:${port}`;

  afterAll(async () => {
    await stopProcess(server, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** One round of work until `stop` fires: every 2xx answer is recorded as acknowledged. */
  async function workload(admin: AdminClient, worker: { agentId: string; agentToken: string; serviceId: string }, stop: AbortSignal): Promise<void> {
    const auth = { authorization: `Bearer ${worker.agentToken}` };
    const guard = async (work: () => Promise<void>) => {
      while (!stop.aborted) {
        try {
          await work();
        } catch {
          return; // the server is gone: outcomes in flight are unknown, and either is allowed
        }
      }
    };
    let n = 0;
    await Promise.all([
      guard(async () => {
        const created = await admin.post('/api/admin/registration-tokens', { name: `crash-${n++}` });
        if (created.status !== 200) return;
        acked.tokens.add(created.body.data.id);
        const registered = await request(base(), 'POST', '/api/agents/register', { body: { registrationToken: created.body.data.rawToken, agent: { code: `crash-agent-${n}` } } });
        if (registered.status === 200) acked.agents.add(registered.body.data.agentId);
      }),
      guard(async () => {
        const executed = await admin.post(`/api/admin/capsule-services/${worker.serviceId}/actions/echo`, { payload: { n: n++ } });
        if (executed.status === 200) acked.created.add(executed.body.data.id);
      }),
      guard(async () => {
        const polled = await request(base(), 'GET', `/api/agents/${worker.agentId}/commands?limit=5`, { headers: auth });
        if (polled.status !== 200) return;
        for (const command of polled.body.data as Array<{ id: string }>) {
          acked.dispatched.add(command.id);
          const result = await request(base(), 'POST', `/api/agents/${worker.agentId}/commands/${command.id}/result`, { headers: auth, body: { success: true, data: { ok: true } } });
          if (result.status === 200) acked.completed.add(command.id);
        }
      }),
    ]);
  }

  it(`keeps every acknowledged write, a sound file and complete audit across ${KILLS} kills`, async () => {
    port = await freePort();
    server = await startServer(dir, env(), port);
    let admin = new AdminClient(base());
    await admin.login(OWNER.username, OWNER.password);
    const token = (await admin.post('/api/admin/registration-tokens', { name: 'worker' })).body.data;
    acked.tokens.add(token.id);
    const service = { code: 'crash-worker', name: 'Crash worker', manifest: {}, health: { status: 'UP' }, actions: [{ name: 'echo', label: 'Echo' }] };
    const registered = (await request(base(), 'POST', '/api/agents/register', { body: { registrationToken: token.rawToken, agent: { code: 'crash-worker-agent' }, service } })).body.data;
    acked.agents.add(registered.agentId);
    const serviceId = (await admin.get('/api/admin/capsule-services?q=crash-worker')).body.data[0].id;
    const worker = { agentId: registered.agentId, agentToken: registered.agentToken, serviceId };

    for (let round = 1; round <= KILLS; round++) {
      if (!server) {
        server = await startServer(dir, env(), port);
        admin = new AdminClient(base());
        expect((await admin.login(OWNER.username, OWNER.password)).status).toBe(200);
      }
      const stop = new AbortController();
      const before = { created: acked.created.size, completed: acked.completed.size, agents: acked.agents.size };
      const work = workload(admin, worker, stop.signal);
      // Kill at a random moment, but only once this round has written something of each kind (however slow the machine).
      const progressed = () => acked.created.size > before.created && acked.completed.size > before.completed && acked.agents.size > before.agents;
      const deadline = Date.now() + 10_000;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 600));
      while (!progressed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.child.kill('SIGKILL');
      await new Promise((r) => server!.child.once('exit', r));
      stop.abort();
      await work;
      server = undefined;
      expect({ round, problems: databaseProblems(dbFile, acked) }).toEqual({ round, problems: {} });
    }
    // The workload really exercised every path (a test that never wrote anything would pass the checks above).
    expect(acked.created.size).toBeGreaterThanOrEqual(KILLS);
    expect(acked.completed.size).toBeGreaterThanOrEqual(KILLS);
    expect(acked.agents.size).toBeGreaterThanOrEqual(KILLS);
  }, 300_000);
});
