import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Agent } from '../src/agents/agent.entity';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Session } from '../src/auth/session.entity';
import { CapsuleService } from '../src/capsule-services/capsule-service.entity';
import { HealthReport } from '../src/capsule-services/health-report.entity';
import { Command } from '../src/commands/command.entity';
import { CommandResult } from '../src/commands/command-result.entity';
import { newId } from '../src/ids/new-id';
import { MaintenanceScheduler } from '../src/maintenance/maintenance-scheduler';
import { RegistrationToken } from '../src/registration-tokens/registration-token.entity';
import { User } from '../src/users/user.entity';
import { AdminClient, OWNER, TestServer } from './harness';
import { orm, patch, userWithRole } from './ops-fixtures';
import { waitFor } from './wait-for';

// better-sqlite3 ships no type declarations in this workspace.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string, options?: { readonly?: boolean }) => {
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  prepare(sql: string): { all(): Array<Record<string, unknown>> };
  close(): void;
};

const LONG_AGO = new Date('2000-01-01T00:00:00.000Z');
const SESSION_SECRET = 'test-session-secret-that-must-never-be-shown-0123456789';

function command(overrides: Partial<Command>): Command {
  return {
    id: newId('cmd'),
    agentId: 'agt_fixture',
    serviceId: 'svc_fixture',
    type: 'ACTION_EXECUTE',
    actionName: 'echo',
    status: 'SUCCEEDED',
    payload: {},
    sealedSecrets: null,
    createdByUserId: null,
    errorCode: null,
    errorMessage: null,
    idempotencyKey: null,
    retryOfCommandId: null,
    causationEventId: null,
    causationDepth: null,
    runTimeoutSeconds: 60,
    cancelSignalledAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    startedAt: null,
    completedAt: null,
    expiresAt: null,
    ...overrides,
  } as Command;
}

describe('dashboard, metrics, diagnostics, settings, maintenance, backup and the admin stream', () => {
  let server: TestServer;
  let owner: AdminClient;
  let operator: AdminClient;
  let viewer: AdminClient;

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP: '10000', OPSTAGE_SESSION_SECRET: SESSION_SECRET }).start();
    owner = await server.owner();
  });
  afterAll(() => server.stop());

  describe('on a fresh instance (reference §10.6)', () => {
    it('metrics report one user, empty durations, no stale agents and an error list', async () => {
      const res = await owner.get('/api/admin/metrics');
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(data.workspace).toEqual({ id: 'wks_default', code: 'default', name: 'Default Workspace', status: 'ACTIVE' });
      expect(data.totals.users).toBe(1);
      expect(data.commandDurations).toEqual({ sampleSize: 0, p50Ms: null, p95Ms: null, maxMs: null, meanMs: null });
      expect(data.operational.staleOnlineAgents).toBe(0);
      expect(Array.isArray(data.topCommandErrors)).toBe(true);
      expect(Object.keys(data.operational).sort()).toEqual(
        [
          'actionPrepareFailures',
          'actionPrepareRequested',
          'actionPrepareTimeouts',
          'agentCommandPolls',
          'commandsCompleted',
          'commandsDispatched',
          'commandsFailed',
          'oversizedCommandResultsRejected',
          'staleOnlineAgents',
        ].sort(),
      );
    });

    it('creates the operator and viewer used below', async () => {
      operator = await userWithRole(server, owner, 'operator');
      viewer = await userWithRole(server, owner, 'viewer');
    });
  });

  describe('maintenance settings', () => {
    it('shows the env defaults to any role', async () => {
      const res = await viewer.get('/api/admin/settings/maintenance');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ agentOfflineThresholdSeconds: 90, auditRetentionDays: 90, maintenanceIntervalSeconds: 0, healthRetentionDays: 7, commandRetentionDays: 30, backupRetentionCount: 10 });
    });

    it('lets only the owner change them (CSRF required)', async () => {
      expect((await viewer.send('PATCH', '/api/admin/settings/maintenance', { auditRetentionDays: 1 })).status).toBe(403);
      expect((await operator.send('PATCH', '/api/admin/settings/maintenance', { auditRetentionDays: 1 })).status).toBe(403);
      const noCsrf = await server.request('PATCH', '/api/admin/settings/maintenance', { body: { auditRetentionDays: 1 }, headers: { cookie: owner.cookie! } });
      expect(noCsrf.status).toBe(403);
      expect((await owner.get('/api/admin/settings/maintenance')).body.data.auditRetentionDays).toBe(90);
    });

    it('validates every field (422) and stores nothing on failure', async () => {
      for (const body of [
        { agentOfflineThresholdSeconds: 0 },
        { agentOfflineThresholdSeconds: -5 },
        { auditRetentionDays: -1 },
        { maintenanceIntervalSeconds: 1.5 },
        { healthRetentionDays: '7' },
        { commandRetentionDays: null },
        { backupRetentionCount: true },
        [{ auditRetentionDays: 1 }],
      ]) {
        const res = await patch(owner, '/api/admin/settings/maintenance', body);
        expect([body, res.status, res.body.error?.code]).toEqual([body, 422, 'VALIDATION_FAILED']);
      }
      expect((await owner.get('/api/admin/settings/maintenance')).body.data.agentOfflineThresholdSeconds).toBe(90);
    });

    it('PATCH {5, 7, 0} echoes the merged settings, persists them and audits before/after', async () => {
      const res = await patch(owner, '/api/admin/settings/maintenance', { agentOfflineThresholdSeconds: 5, auditRetentionDays: 7, maintenanceIntervalSeconds: 0 });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ agentOfflineThresholdSeconds: 5, auditRetentionDays: 7, maintenanceIntervalSeconds: 0, healthRetentionDays: 7, commandRetentionDays: 30, backupRetentionCount: 10 });
      expect((await viewer.get('/api/admin/settings/maintenance')).body.data).toEqual(res.body.data);
      const audit = await viewer.get('/api/admin/audit-events?action=settings.maintenance.updated');
      expect(audit.body.data[0]).toMatchObject({
        actorType: 'USER',
        targetType: 'Workspace',
        targetId: 'wks_default',
        metadata: { before: { agentOfflineThresholdSeconds: 90, auditRetentionDays: 90 }, after: { agentOfflineThresholdSeconds: 5, auditRetentionDays: 7 } },
      });
    });

    it('re-arms the scheduler at once: a 1 s interval runs the sweep, 0 stops it', async () => {
      const scheduler = server.app.get(MaintenanceScheduler);
      expect(scheduler.armed).toBe(false);
      const em = orm(server);
      const tokenId = newId('tok');
      await em.insertMany(RegistrationToken, [{ id: tokenId, name: 'expired', tokenHash: `h-${tokenId}`, status: 'ACTIVE', expiresAt: LONG_AGO, createdAt: new Date(), updatedAt: new Date() }] as RegistrationToken[]);
      expect((await patch(owner, '/api/admin/settings/maintenance', { maintenanceIntervalSeconds: 1 })).status).toBe(200);
      expect(scheduler.armed).toBe(true);
      await waitFor(async () => (await orm(server).findOneOrFail(RegistrationToken, { id: tokenId })).status === 'EXPIRED', 4000);
      expect((await patch(owner, '/api/admin/settings/maintenance', { maintenanceIntervalSeconds: 0 })).status).toBe(200);
      expect(scheduler.armed).toBe(false);
      const run = await viewer.get('/api/admin/audit-events?action=maintenance.run&actorType=SYSTEM');
      expect(run.body.data[0].metadata.expiredRegistrationTokens).toBe(1);
    });
  });

  describe('diagnostics', () => {
    it('is operator+ and shows runtime facts and the effective settings, never a secret', async () => {
      expect((await viewer.get('/api/admin/diagnostics/runtime')).status).toBe(403);
      const res = await operator.get('/api/admin/diagnostics/runtime');
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(data.node).toMatch(/^v/);
      expect(data.edition).toBe('CE');
      expect(data).toMatchObject({ platform: process.platform, arch: process.arch, pid: process.pid });
      expect(data.config.maintenance.auditRetentionDays).toBe(7);
      expect(data.config).toMatchObject({ host: '127.0.0.1', databasePath: server.config.databasePath, backupDir: server.config.backupDir, capsuleBusEnabled: false });
      expect(res.text).not.toContain(SESSION_SECRET);
      expect(res.text).not.toContain(OWNER.password);
      expect(res.text.toLowerCase()).not.toMatch(/sessionsecret|adminpassword/);
    });
  });

  describe('dashboard and metrics count live state, services by EFFECTIVE status', () => {
    const fresh = { agent: newId('agt'), service: newId('svc') };
    const silent = { agent: newId('agt'), service: newId('svc') };

    beforeAll(async () => {
      const em = orm(server);
      const now = Date.now();
      await em.insertMany(Agent, [
        { id: fresh.agent, code: 'fresh-agent', status: 'ONLINE', lastHeartbeatAt: new Date(), createdAt: new Date(), updatedAt: new Date() },
        { id: silent.agent, code: 'silent-agent', status: 'ONLINE', lastHeartbeatAt: new Date(now - 10 * 60_000), createdAt: new Date(), updatedAt: new Date() },
      ] as Agent[]);
      await em.insertMany(CapsuleService, [
        { id: fresh.service, agent: fresh.agent, code: 'fresh-svc', name: 'Fresh', status: 'HEALTHY', healthStatus: 'UP', manifest: {}, createdAt: new Date(), updatedAt: new Date() },
        { id: silent.service, agent: silent.agent, code: 'silent-svc', name: 'Silent', status: 'HEALTHY', healthStatus: 'UP', manifest: {}, createdAt: new Date(), updatedAt: new Date() },
      ] as never[]);
      const done = (ms: number, extra: Partial<Command> = {}) => command({ agentId: fresh.agent, serviceId: fresh.service, startedAt: new Date(now - 60_000), completedAt: new Date(now - 60_000 + ms), ...extra });
      await em.insertMany(Command, [
        done(100),
        done(200),
        done(300, { status: 'FAILED', errorCode: 'BOOM' }),
        done(400, { status: 'FAILED', errorCode: 'BOOM' }),
        command({ agentId: fresh.agent, serviceId: fresh.service, type: 'ACTION_PREPARE', status: 'FAILED', errorCode: 'ACTION_PREPARE_TIMEOUT', completedAt: new Date() }),
        command({ agentId: fresh.agent, serviceId: fresh.service, status: 'PENDING' }),
      ]);
    });

    it('dashboard summary', async () => {
      const res = await viewer.get('/api/admin/dashboard/summary');
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(data.workspace.id).toBe('wks_default');
      expect(data.agentCounts.ONLINE).toBe(2);
      // Both services are stored HEALTHY; the silent agent's heartbeat is 10 minutes old → its service is STALE.
      expect(data.serviceCounts).toMatchObject({ HEALTHY: 1, STALE: 1, OFFLINE: 0 });
      expect(data.commandCounts).toMatchObject({ SUCCEEDED: 2, FAILED: 3, PENDING: 1 });
      expect(data.auditEventCount).toBeGreaterThan(0);
      expect(data.recentCommands).toHaveLength(6);
      // The contract's `Command`: every published field, the payload included (redacted like every admin read).
      expect(Object.keys(data.recentCommands[0])).toEqual(expect.arrayContaining(['id', 'agentId', 'serviceId', 'type', 'actionName', 'status', 'payload', 'createdByUserId', 'createdAt', 'startedAt', 'completedAt', 'expiresAt']));
      const failed = data.recentCommands.find((c: { errorCode: string | null }) => c.errorCode === 'BOOM');
      expect(failed).toMatchObject({ status: 'FAILED', durationMs: expect.any(Number) });
      expect(data.recentAuditEvents.length).toBeLessThanOrEqual(10);
      expect(data.recentAuditEvents[0].id).toMatch(/^aud_/);
    });

    it('admin metrics: effective counts, live command figures, nearest-rank durations, top errors', async () => {
      const data = (await viewer.get('/api/admin/metrics')).body.data;
      expect(data.byStatus.capsuleServices).toMatchObject({ HEALTHY: 1, STALE: 1 });
      expect(data.totals).toMatchObject({ users: 3, agents: 2, capsuleServices: 2, commands: 6 });
      expect(data.operational).toMatchObject({ commandsDispatched: 4, commandsCompleted: 2, commandsFailed: 3, actionPrepareRequested: 1, actionPrepareTimeouts: 1, actionPrepareFailures: 1, staleOnlineAgents: 1 });
      expect(data.commandDurations).toEqual({ sampleSize: 4, p50Ms: 200, p95Ms: 400, maxMs: 400, meanMs: 250 });
      expect(data.topCommandErrors).toEqual([
        { code: 'BOOM', count: 2 },
        { code: 'ACTION_PREPARE_TIMEOUT', count: 1 },
      ]);
    });

    it('GET /metrics is public Prometheus text with gauges, counters, process and HTTP metrics', async () => {
      await server.admin().login(OWNER.username, 'not-the-password');
      const res = await server.request('GET', '/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = res.text;
      expect(text).toContain('opstage_capsule_services{status="STALE"} 1');
      expect(text).toContain('opstage_capsule_services{status="HEALTHY"} 1');
      expect(text).toContain('opstage_agents{status="ONLINE"} 2');
      expect(text).toContain('opstage_commands{status="FAILED"} 3');
      expect(text).toContain('opstage_stale_online_agents 1');
      expect(text).toMatch(/^opstage_admin_logins_total\{result="failure"\} [1-9]/m);
      expect(text).toMatch(/^opstage_admin_logins_total\{result="success"\} [1-9]/m);
      for (const counter of ['agent_command_polls', 'commands_dispatched', 'commands_completed', 'commands_failed', 'oversized_command_results_rejected']) {
        expect(text).toContain(`# TYPE opstage_${counter}_total counter`);
      }
      expect(text).toContain('opstage_process_cpu_user_seconds_total');
      expect(text).toMatch(/opstage_http_request_duration_seconds_count\{method="GET",route="\/api\/admin\/metrics",status_code="200"\} [1-9]/);
    });
  });

  describe('maintenance run (reference §10.5 and the retention rules)', () => {
    const ids = { token: newId('tok'), agent: newId('agt'), service: newId('svc'), live: newId('cmd'), old: newId('cmd'), recent: newId('cmd') };

    beforeAll(async () => {
      expect((await patch(owner, '/api/admin/settings/maintenance', { agentOfflineThresholdSeconds: 1, auditRetentionDays: 1, maintenanceIntervalSeconds: 0, healthRetentionDays: 1, commandRetentionDays: 1, backupRetentionCount: 2 })).status).toBe(200);
      const em = orm(server);
      // Start from a clean inventory: the agents of the dashboard section would go offline too with a 1 s threshold.
      await em.nativeDelete(Command, {});
      await em.nativeDelete(CapsuleService, {});
      await em.nativeDelete(Agent, {});
      await em.insertMany(RegistrationToken, [{ id: ids.token, name: 'old', tokenHash: `h-${ids.token}`, status: 'ACTIVE', expiresAt: LONG_AGO, createdAt: new Date(), updatedAt: new Date() }] as RegistrationToken[]);
      await em.insertMany(Agent, [{ id: ids.agent, code: 'gone-agent', status: 'ONLINE', lastHeartbeatAt: LONG_AGO, createdAt: new Date(), updatedAt: new Date() }] as Agent[]);
      await em.insertMany(CapsuleService, [{ id: ids.service, agent: ids.agent, code: 'gone-svc', name: 'Gone', status: 'HEALTHY', healthStatus: 'UP', manifest: {}, createdAt: new Date(), updatedAt: new Date() }] as never[]);
      await em.insertMany(HealthReport, [
        { id: newId('hlr'), service: ids.service, agentId: ids.agent, status: 'UP', details: {}, reportedAt: LONG_AGO },
        { id: newId('hlr'), service: ids.service, agentId: ids.agent, status: 'UP', details: {}, reportedAt: new Date() },
      ] as never[]);
      await em.insertMany(Command, [
        command({ id: ids.live, agentId: ids.agent, serviceId: ids.service, status: 'RUNNING', startedAt: LONG_AGO, expiresAt: LONG_AGO, sealedSecrets: 'sealed-secret-blob' }),
        command({ id: ids.old, agentId: ids.agent, serviceId: ids.service, status: 'SUCCEEDED', createdAt: LONG_AGO, startedAt: LONG_AGO, completedAt: LONG_AGO }),
        command({ id: ids.recent, agentId: ids.agent, serviceId: ids.service, status: 'SUCCEEDED', completedAt: new Date() }),
      ]);
      await em.insertMany(CommandResult, [
        { id: newId('crs'), commandId: ids.old, agentId: ids.agent, success: true, data: {}, error: {}, reportedAt: LONG_AGO },
        { id: newId('crs'), commandId: ids.recent, agentId: ids.agent, success: true, data: {}, error: {}, reportedAt: new Date() },
      ] as never[]);
      await em.insertMany(AuditEvent, [{ id: newId('aud', LONG_AGO.getTime()), actorType: 'SYSTEM', action: 'fixture.ancient', result: 'SUCCESS', metadata: {}, createdAt: LONG_AGO }] as AuditEvent[]);
      const ownerUser = await em.findOneOrFail(User, { username: OWNER.username });
      await em.insertMany(Session, [
        { id: newId('ses'), tokenHash: 'ended-session-hash', user: ownerUser.id, csrfNonce: 'n', createdAt: LONG_AGO, lastSeenAt: LONG_AGO, expiresAt: LONG_AGO, revokedAt: LONG_AGO },
      ] as never[]);
      mkdirSync(server.config.backupDir, { recursive: true });
      for (const day of ['01', '02', '03']) writeFileSync(join(server.config.backupDir, `opstage-2000-01-${day}T00-00-00-000Z.db`), 'x');
      writeFileSync(join(server.config.backupDir, 'notes.txt'), 'not a backup');
    });

    it('is refused to viewers', async () => {
      const res = await viewer.post('/api/admin/maintenance/run');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    });

    it('expires, marks offline and prunes exactly what is due, and reports the counts', async () => {
      const res = await operator.post('/api/admin/maintenance/run');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        expiredRegistrationTokens: 1,
        expiredCommands: 1,
        offlineAgents: 1,
        offlineServices: 1,
        deletedAuditEvents: 1,
        deletedHealthReports: 1,
        deletedCommands: 1,
        deletedBackups: 1,
        deletedSessions: 1,
      });
      expect(Date.parse(res.body.data.ranAt)).toBeGreaterThan(Date.now() - 60_000);

      const em = orm(server);
      expect((await em.findOneOrFail(RegistrationToken, { id: ids.token })).status).toBe('EXPIRED');
      const expired = await em.findOneOrFail(Command, { id: ids.live });
      expect(expired).toMatchObject({ status: 'EXPIRED', errorCode: 'COMMAND_EXPIRED', errorMessage: 'Command expired before completion.', sealedSecrets: null });
      expect(expired.completedAt).not.toBeNull();
      expect((await em.findOneOrFail(Agent, { id: ids.agent })).status).toBe('OFFLINE');
      expect(await em.findOneOrFail(CapsuleService, { id: ids.service })).toMatchObject({ status: 'STALE', healthStatus: 'UNKNOWN' });
      // The other agents' services are untouched: the fresh one is not OFFLINE, so its service is not marked.
      expect(await em.count(CapsuleService, { status: 'STALE' })).toBe(1);
      expect(await em.count(HealthReport, { service: ids.service })).toBe(1);
      expect(await em.count(Command, { id: ids.old })).toBe(0);
      expect(await em.count(CommandResult, { commandId: ids.old })).toBe(0);
      expect(await em.count(CommandResult, { commandId: ids.recent })).toBe(1);
      expect(await em.count(AuditEvent, { action: 'fixture.ancient' })).toBe(0);
      expect(await em.count(Session, { tokenHash: 'ended-session-hash' })).toBe(0);
      expect(existsSync(join(server.config.backupDir, 'opstage-2000-01-01T00-00-00-000Z.db'))).toBe(false);
      expect(existsSync(join(server.config.backupDir, 'opstage-2000-01-03T00-00-00-000Z.db'))).toBe(true);
      expect(existsSync(join(server.config.backupDir, 'notes.txt'))).toBe(true);
      // The owner's and operator's live sessions survive.
      expect((await owner.get('/api/admin/auth/me')).status).toBe(200);
    });

    it('writes the system audits with counts and the user-triggered one with the result', async () => {
      const byAction = async (action: string) => (await viewer.get(`/api/admin/audit-events?action=${action}`)).body.data;
      for (const action of ['system.agent.offline', 'system.service.stale', 'system.command.expired']) {
        const [row] = await byAction(action);
        expect(row).toMatchObject({ actorType: 'SYSTEM', result: 'SUCCESS', metadata: { count: 1 } });
      }
      const [run] = await byAction('maintenance.run');
      expect(run).toMatchObject({ actorType: 'SYSTEM', targetType: 'Workspace', targetId: 'wks_default', metadata: { expiredCommands: 1, offlineAgents: 1, deletedAuditEvents: 1 } });
      const [triggered] = await byAction('maintenance.triggered');
      expect(triggered).toMatchObject({ actorType: 'USER', metadata: { offlineServices: 1, deletedSessions: 1 } });
      expect(triggered.actorId).toMatch(/^usr_/);
    });

    it('a second run finds nothing to do and writes no maintenance.run row', async () => {
      const before = (await viewer.get('/api/admin/audit-events?action=maintenance.run')).body.pagination.total;
      const res = await operator.post('/api/admin/maintenance/run');
      expect(res.status).toBe(200);
      const { ranAt, ...counts } = res.body.data;
      expect(ranAt).toBeDefined();
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      expect((await viewer.get('/api/admin/audit-events?action=maintenance.run')).body.pagination.total).toBe(before);
    });

    it('the dashboard now shows the stopped agent’s service as OFFLINE (effective), whatever its stored status', async () => {
      const data = (await viewer.get('/api/admin/dashboard/summary')).body.data;
      expect(data.serviceCounts.OFFLINE).toBe(1);
      expect(data.agentCounts.OFFLINE).toBe(1);
    });
  });

  describe('SQLite backup', () => {
    it('is owner-only and needs CSRF', async () => {
      expect((await viewer.post('/api/admin/backup/sqlite')).status).toBe(403);
      expect((await operator.post('/api/admin/backup/sqlite')).status).toBe(403);
      const noCsrf = await server.request('POST', '/api/admin/backup/sqlite', { headers: { cookie: owner.cookie! } });
      expect(noCsrf.status).toBe(403);
      expect(noCsrf.body.error.code).toBe('CSRF_INVALID');
    });

    it('streams a consistent copy of the live database while writes continue', async () => {
      const writes = Array.from({ length: 10 }, (_, i) => patch(owner, '/api/admin/settings/maintenance', { auditRetentionDays: 10 + i }));
      const download = fetch(`${server.baseUrl}/api/admin/backup/sqlite`, { method: 'POST', headers: { cookie: owner.cookie!, 'x-csrf-token': owner.csrfToken! } });
      const [res, ...written] = await Promise.all([download, ...writes]);
      expect(written.map((w) => w.status)).toEqual(Array(10).fill(200));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename=opstage-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?\.db$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBeGreaterThan(4096);
      expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');
      const file = join(tmpdir(), `opstage-download-${Date.now()}.db`);
      writeFileSync(file, bytes);
      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('select username from users').all().map((r) => r.username)).toContain(OWNER.username);
      } finally {
        db.close();
        rmSync(file, { force: true });
      }
      const filename = disposition.split('filename=')[1];
      expect(existsSync(join(server.config.backupDir, filename))).toBe(true);
      const audit = (await viewer.get(`/api/admin/audit-events?action=backup.sqlite.created&targetId=${filename}`)).body.data;
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: 'USER', targetType: 'Backup', targetId: filename });
    });
  });

  describe('admin event stream (SSE)', () => {
    it('needs a session', async () => {
      expect((await server.request('GET', '/api/admin/stream')).status).toBe(401);
    });

    it('sends ready, then one JSON event per change (settings, maintenance)', async () => {
      const controller = new AbortController();
      const res = await fetch(`${server.baseUrl}/api/admin/stream`, { headers: { cookie: viewer.cookie! }, signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      const readUntil = async (needle: RegExp) => {
        const deadline = Date.now() + 5000;
        while (!needle.test(received)) {
          if (Date.now() > deadline) throw new Error(`stream did not deliver ${needle}; got ${received}`);
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          received += decoder.decode(value, { stream: true });
        }
      };
      try {
        await readUntil(/event: ready\ndata: \{.*\}\n\n/);
        expect((await patch(owner, '/api/admin/settings/maintenance', { auditRetentionDays: 30 })).status).toBe(200);
        await readUntil(/data: \{"type":"settings"/);
        await orm(server).insertMany(RegistrationToken, [{ id: newId('tok'), name: 'sse', tokenHash: `h-sse-${Date.now()}`, status: 'ACTIVE', expiresAt: LONG_AGO, createdAt: new Date(), updatedAt: new Date() }] as RegistrationToken[]);
        expect((await operator.post('/api/admin/maintenance/run')).status).toBe(200);
        await readUntil(/data: \{"type":"maintenance"/);
        const events = received.split('\n\n').filter((chunk) => chunk.includes('data: '));
        for (const event of events) expect(() => JSON.parse(event.split('data: ')[1])).not.toThrow();
        const maintenance = JSON.parse(events.find((e) => e.includes('"type":"maintenance"'))!.split('data: ')[1]);
        expect(maintenance).toMatchObject({ type: 'maintenance', expiredRegistrationTokens: 1 });
      } finally {
        controller.abort();
      }
    });
  });
});
