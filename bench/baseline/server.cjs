#!/usr/bin/env node
// The baseline: bare Fastify + better-sqlite3 (prepared statements, synchronous, no ORM, no framework), the original
// Opstage's own design, doing the same SQL work per request as Opstage's hot paths on a copy of the same database.
// Usage: node bench/baseline/server.cjs <sqlite file> <port>
const Database = require('better-sqlite3');
const Fastify = require('fastify');
const { createHash } = require('node:crypto');

const [file, port] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

const tokenLookup = db.prepare(
  "select t.id as token_id, a.id as agent_id, a.status as status from agent_tokens t join agents a on a.id = t.agent_id where t.token_hash = ? and t.status = 'ACTIVE' and t.revoked_at is null",
);
const heartbeat = db.prepare("update agents set last_heartbeat_at = ? where id = ? and status = 'ONLINE'");
const EFFECTIVE = `case when a.id is null or a.status in ('OFFLINE', 'DISABLED', 'REVOKED') then 'OFFLINE'
  when a.last_heartbeat_at is null or a.last_heartbeat_at < ? then 'STALE' else s.status end`;
const servicePage = db.prepare(`select s.*, ${EFFECTIVE} as effective_status from capsule_services s left join agents a on a.id = s.agent_id order by s.created_at desc, s.id desc limit ? offset ?`);
const serviceCount = db.prepare('select count(*) as total from capsule_services s left join agents a on a.id = s.agent_id');

const app = Fastify({ logger: false });

app.get('/ping', async () => ({ success: true, data: { pong: true } }));

app.post('/api/agents/:agentId/heartbeat', async (request, reply) => {
  const raw = String(request.headers.authorization ?? '').replace(/^bearer\s+/i, '');
  const token = tokenLookup.get(createHash('sha256').update(raw).digest('hex'));
  if (!token || token.agent_id !== request.params.agentId) return reply.code(401).send({ success: false, error: { code: 'UNAUTHORIZED', message: 'Invalid Agent token.' } });
  heartbeat.run(Date.now(), token.agent_id);
  return { success: true, data: { heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5, maxCommandWaitSeconds: 30 } };
});

app.get('/api/admin/capsule-services', async () => {
  const cutoff = Date.now() - 90_000;
  const rows = servicePage.all(cutoff, 20, 0);
  const { total } = serviceCount.get();
  return {
    success: true,
    data: rows.map((r) => ({ id: r.id, agentId: r.agent_id, code: r.code, name: r.name, description: r.description, version: r.version, runtime: r.runtime, status: r.effective_status, storedStatus: r.status, healthStatus: r.health_status, lastReportedAt: r.last_reported_at, lastHealthAt: r.last_health_at, createdAt: r.created_at, updatedAt: r.updated_at })),
    pagination: { page: 1, pageSize: 20, total },
  };
});

app.listen({ host: '127.0.0.1', port: Number(port) }).then(() => process.stdout.write(`baseline listening on ${port}\n`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.close().then(() => (db.close(), process.exit(0))));
