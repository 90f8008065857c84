#!/usr/bin/env node
// The baseline: bare Fastify + better-sqlite3 (prepared statements, synchronous, no ORM, no framework), the original
// Opstage's own design, doing the same SQL work per request as Opstage's hot paths on a copy of the same database.
// Usage: BASELINE_SESSION_SECRET=… node bench/baseline/server.cjs <sqlite file> <port>
const Database = require('better-sqlite3');
const Fastify = require('fastify');
const { createHash, createHmac } = require('node:crypto');

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
const serviceCount = db.prepare('select count(*) as total from capsule_services s');
// An admin session: the cookie's HMAC looked up with its user, as Opstage does on every console request.
const sessionSecret = process.env.BASELINE_SESSION_SECRET;
if (!sessionSecret) throw new Error('BASELINE_SESSION_SECRET is not set');
const sessionLookup = db.prepare(
  'select s.*, u.id as u_id, u.username as u_username, u.password_hash as u_password_hash, u.display_name as u_display_name, u.role as u_role, u.status as u_status, u.last_login_at as u_last_login_at, u.password_changed_at as u_password_changed_at, u.created_at as u_created_at, u.updated_at as u_updated_at from sessions s left join users u on u.id = s.user_id where s.token_hash = ? and s.revoked_at is null limit 1',
);

// The bus ingest (B4): the same statements as Opstage's routing transaction — rate-limit count, event insert, its audit
// row, the matching routes, per route the target lookups, a dispatch row, the command and two audit rows.
const recentEvents = db.prepare('select count(*) as n from bus_events where agent_id = ? and accepted_at > ?');
const sourceService = db.prepare('select id, agent_id from capsule_services where code = ?');
const insertEvent = db.prepare(
  "insert into bus_events (id, agent_id, source_service_id, source_service_code, event_type, client_event_id, payload, metadata, correlation_id, depth, dry_run, occurred_at, accepted_at, route_count, outcome) values (?, ?, ?, ?, ?, null, ?, '{}', ?, 0, 0, ?, ?, ?, ?)",
);
const insertAudit = db.prepare("insert into audit_events (id, actor_type, actor_id, action, target_type, target_id, result, metadata, correlation_id, created_at) values (?, ?, ?, ?, ?, ?, 'SUCCESS', ?, ?, ?)");
const activeRoutes = db.prepare("select * from bus_routes where status in ('ENABLED', 'DRY_RUN') and (source_service_code is null or source_service_code = ?) order by created_at, id");
const targetService = db.prepare('select id, agent_id from capsule_services where code = ?');
const targetAction = db.prepare('select input_schema, timeout_seconds, requires_confirmation, danger_level from action_definitions where service_id = ? and name = ? and enabled = 1');
const targetAgent = db.prepare('select status, last_heartbeat_at from agents where id = ?');
const insertDispatch = db.prepare("insert into bus_dispatches (id, event_id, route_id, route_name, target_service_code, action_name, dry_run, status, payload, command_id, attempts, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, 'CREATED', ?, ?, 1, ?, ?)");
const insertCommand = db.prepare(
  "insert into commands (id, agent_id, service_id, type, action_name, status, payload, causation_event_id, causation_depth, correlation_id, run_timeout_seconds, created_at, updated_at, expires_at) values (?, ?, ?, 'ACTION_EXECUTE', ?, 'PENDING', ?, ?, 0, ?, 300, ?, ?, ?)",
);
let sequence = 0;
const nextId = (prefix) => `${prefix}_${Date.now().toString(36)}${(sequence++).toString(36).padStart(8, '0')}`;
const ingest = db.transaction((agentId, body) => {
  const now = Date.now();
  if (recentEvents.get(agentId, now - 60_000).n >= 100_000_000) return null;
  const source = sourceService.get(body.sourceServiceCode);
  if (!source || source.agent_id !== agentId) return null;
  const eventId = nextId('bev');
  const payload = JSON.stringify(body.payload ?? {});
  const outcome = [];
  const routes = activeRoutes.all(body.sourceServiceCode).filter((r) => r.event_type === body.eventType);
  insertEvent.run(eventId, agentId, source.id, body.sourceServiceCode, body.eventType, payload, eventId, now, now, routes.length, '[]');
  insertAudit.run(nextId('aud'), 'AGENT', agentId, 'bus.event.received', 'BusEvent', eventId, '{}', eventId, now);
  for (const route of routes) {
    insertAudit.run(nextId('aud'), 'SYSTEM', null, 'bus.route.matched', 'BusRoute', route.id, '{}', eventId, now);
    const service = targetService.get(route.target_service_code);
    const action = service && targetAction.get(service.id, route.action_name);
    const agent = service && targetAgent.get(service.agent_id);
    if (!action || !agent) continue;
    const mapping = JSON.parse(route.input_mapping);
    const commandPayload = JSON.stringify(Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('$event.payload.') ? body.payload?.[v.slice(15)] : v])));
    const commandId = nextId('cmd');
    insertCommand.run(commandId, service.agent_id, service.id, route.action_name, commandPayload, eventId, eventId, now, now, now + 300_000);
    insertDispatch.run(nextId('bdp'), eventId, route.id, route.name, route.target_service_code, route.action_name, commandPayload, commandId, now, now);
    insertAudit.run(nextId('aud'), 'SYSTEM', null, 'bus.command.created', 'Command', commandId, '{}', eventId, now);
    outcome.push({ routeId: route.id, status: 'CREATED', commandId });
  }
  return { eventId, outcome };
});

const app = Fastify({ logger: false });

/** The bearer token's row when it belongs to the path's agent (one indexed lookup of its SHA-256, as Opstage does on a cache miss). */
function agentToken(request) {
  const raw = String(request.headers.authorization ?? '').replace(/^bearer\s+/i, '');
  const token = tokenLookup.get(createHash('sha256').update(raw).digest('hex'));
  return token && token.agent_id === request.params.agentId ? token : undefined;
}
/** The session behind the `opstage_session` cookie when it is live and its user active (Opstage's checks, no ORM). */
function adminSession(request) {
  const raw = /(?:^|;\s*)opstage_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!raw) return undefined;
  const session = sessionLookup.get(createHmac('sha256', sessionSecret).update(`session:${raw}`, 'utf8').digest('base64url'));
  const now = Date.now();
  return session && session.expires_at > now && session.last_seen_at > now - 3_600_000 && session.u_status === 'ACTIVE' ? session : undefined;
}
const unauthorized = (reply, message = 'Invalid Agent token.') => reply.code(401).send({ success: false, error: { code: 'UNAUTHORIZED', message } });

app.post('/api/agents/:agentId/bus/events', async (request, reply) => {
  const token = agentToken(request);
  if (!token) return unauthorized(reply);
  const result = ingest(token.agent_id, request.body);
  if (!result) return reply.code(403).send({ success: false, error: { code: 'FORBIDDEN', message: 'refused' } });
  return { success: true, data: { eventId: result.eventId, routedCommands: result.outcome } };
});

app.get('/ping', async () => ({ success: true, data: { pong: true } }));

app.post('/api/agents/:agentId/heartbeat', async (request, reply) => {
  const token = agentToken(request);
  if (!token) return unauthorized(reply);
  heartbeat.run(Date.now(), token.agent_id);
  return { success: true, data: { heartbeatIntervalSeconds: 30, commandPollIntervalSeconds: 5, maxCommandWaitSeconds: 30 } };
});

app.get('/api/admin/capsule-services', async (request, reply) => {
  if (!adminSession(request)) return unauthorized(reply, 'Authentication required.');
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
