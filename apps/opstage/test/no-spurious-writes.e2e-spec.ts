import type Database from 'better-sqlite3';
import { openNativeSqlite } from '../src/database/native-sqlite';
import { DEMO_SERVICE, registerAgent } from './agent-fixtures';
import { createRoute, publish } from './bus-fixtures';
import { AgentFixture, createAgentWithService } from './command-fixtures';
import { AdminClient, TestServer } from './harness';

/**
 * Loading an entity and flushing must not write it back. SQLite triggers are the witnesses: every UPDATE that names a
 * table's created_at column (which nothing may ever change) is logged, and so is every UPDATE at all on the tables a
 * bus ingest only reads. (MikroORM once compared a loaded `datetime` Date with its stored number and rewrote every
 * loaded row's timestamps on each flush, which also put stale heartbeat times back.)
 */
describe('flushes write only what changed', () => {
  const server = new TestServer({ OPSTAGE_CAPSULE_BUS_ENABLED: 'true' });
  let owner: AdminClient;
  let db: Database.Database;
  const writes = () => db.prepare('select tbl, kind from spurious_writes order by rowid').all() as Array<{ tbl: string; kind: string }>;

  beforeAll(async () => {
    await server.start();
    owner = await server.owner();
    db = openNativeSqlite(server.config.databasePath);
    db.exec('create table spurious_writes (tbl text not null, kind text not null)');
    const tables = (db.prepare("select m.name from sqlite_master m where m.type = 'table' and exists (select 1 from pragma_table_info(m.name) where name = 'created_at')").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['agents', 'capsule_services', 'action_definitions', 'commands', 'bus_routes', 'users', 'sessions']));
    for (const table of tables) {
      db.exec(`create trigger witness_created_at_${table} after update of created_at on ${table} begin insert into spurious_writes values ('${table}', 'created_at'); end`);
    }
  });
  afterAll(async () => {
    db?.close();
    await server.stop();
  });
  afterEach(() => db.exec('delete from spurious_writes'));

  it('never rewrites created_at through registration, reports, heartbeats, commands, results and admin reads', async () => {
    const agent = await registerAgent(server, owner, 'witness-agent', DEMO_SERVICE);
    const heartbeat = await server.request('POST', `/api/agents/${agent.agentId}/heartbeat`, { body: { health: { status: 'UP' } }, headers: agent.auth });
    expect(heartbeat.status).toBe(200);
    const services = await owner.get('/api/admin/capsule-services?q=demo');
    const serviceId = services.body.data[0].id;
    const executed = await owner.post(`/api/admin/capsule-services/${serviceId}/actions/echo`, { payload: { message: 'hi' } });
    expect(executed.status).toBe(200);
    const polled = await server.request('GET', `/api/agents/${agent.agentId}/commands`, { headers: agent.auth });
    expect(polled.body.data.map((c: { id: string }) => c.id)).toEqual([executed.body.data.id]);
    const result = await server.request('POST', `/api/agents/${agent.agentId}/commands/${executed.body.data.id}/result`, { body: { success: true, data: { echoed: 'hi' } }, headers: agent.auth });
    expect(result.status).toBe(200);
    await owner.get(`/api/admin/agents/${agent.agentId}`);
    await owner.get(`/api/admin/capsule-services/${serviceId}`);
    expect(writes()).toEqual([]);
  });

  it('a routed bus event writes its own rows and nothing else', async () => {
    const source = await createAgentWithService(server, { code: 'witness-shop' });
    const target: AgentFixture = await createAgentWithService(server, { code: 'witness-mailer' });
    await createRoute(owner, { name: 'witness', status: 'ENABLED', eventType: 'order.created', sourceServiceCode: 'witness-shop-svc', targetServiceCode: 'witness-mailer-svc', actionName: 'echo', inputMapping: { message: '$event.payload.orderId' } });
    for (const table of ['agents', 'agent_tokens', 'capsule_services', 'action_definitions', 'bus_routes']) {
      db.exec(`create trigger witness_any_${table} after update on ${table} begin insert into spurious_writes values ('${table}', 'update'); end`);
    }
    try {
      const published = await publish(server, source, { eventType: 'order.created', sourceServiceCode: 'witness-shop-svc', payload: { orderId: 'o-1' } });
      expect(published.status).toBe(200);
      expect(published.body.data.routedCommands).toEqual([expect.objectContaining({ status: 'CREATED', commandId: expect.any(String) })]);
      // Only the publisher's token may be stamped with its last use; the source, the route and the target are read.
      expect(writes().filter((w) => w.tbl !== 'agent_tokens')).toEqual([]);
      expect((await target.poll()).body.data).toHaveLength(1);
      expect(writes().filter((w) => w.kind === 'created_at')).toEqual([]);
    } finally {
      for (const table of ['agents', 'agent_tokens', 'capsule_services', 'action_definitions', 'bus_routes']) db.exec(`drop trigger witness_any_${table}`);
    }
  });
});
