import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { raw } from '@mikro-orm/core';
import { MikroORM, SqliteDriver, SqlitePlatform } from '@mikro-orm/sqlite';
import type Database from 'better-sqlite3';
import { AuditEvent } from '../audit/audit-event.entity';
import { BusDispatch } from '../bus/bus-dispatch.entity';
import { BusEvent } from '../bus/bus-event.entity';
import { Command } from '../commands/command.entity';
import { bindQuery } from './bound-query';
import { buildOrmConfig } from './mikro-orm.config';
import { OpstageSqliteConnection } from './opstage-sqlite-driver';

describe('bindQuery', () => {
  const platform = new SqlitePlatform();

  it('binds each value where the ORM would inline it, with the SQL text independent of the values', () => {
    const at = new Date('2026-11-24T10:00:00.123Z');
    const bound = bindQuery(platform, 'select * from t where a = ? and b = ? and c = ? and d = ? and e = ? and f = ?', ['x\'y', 42, 2.5, true, at, null]);
    expect(bound).toEqual({ sql: 'select * from t where a = ? and b = ? and c = ? and d = ? and e = ? and f = ?', values: ['x\'y', 42n, 2.5, 1n, BigInt(at.getTime()), null] });
    expect(bindQuery(platform, 'select ?', [7])?.sql).toBe(bindQuery(platform, 'select ?', [8])?.sql);
  });

  it('expands lists, inlines identifiers and turns objects into their JSON text', () => {
    expect(bindQuery(platform, 'select ?? from t where id in (?) and j = ? and k in (?)', ['col', ['a', 'b', 3], { n: [1] }, []])).toEqual({
      sql: 'select `col` from t where id in (?, ?, ?) and j = ? and k in ()',
      values: ['a', 'b', 3n, '{"n":[1]}'],
    });
  });

  it('leaves to the ORM what it would not bind exactly as inlined', () => {
    expect(bindQuery(platform, 'select ?', [raw('1 + 1')])).toBeUndefined();
    expect(bindQuery(platform, 'select ?', [Number.NaN])).toBeUndefined();
    expect(bindQuery(platform, 'select ?', [2n ** 64n])).toBeUndefined();
    expect(bindQuery(platform, 'select ?', [new Uint8Array([1])])).toBeUndefined();
    expect(bindQuery(platform, 'select ?', [[[1, 2]]])).toBeUndefined();
    expect(bindQuery(platform, "select '\\?' || ?", ['a'])).toBeUndefined();
  });
});

/**
 * The same writes and reads through MikroORM's stock driver (values inlined into the SQL) and through Opstage's
 * (values bound): every column must hold the same value with the same SQLite storage class, and reads must agree.
 */
describe('OpstageSqliteDriver', () => {
  let dir: string;
  let stock: MikroORM;
  let bound: MikroORM;
  const at = new Date('2026-11-24T10:00:00.123Z');

  const samples = () => [
    [Command, { id: 'cmd_1', agentId: 'agt_1', serviceId: 'svc_1', type: 'ACTION_EXECUTE', actionName: 'echo', status: 'PENDING', payload: { n: 1, half: 0.5, nested: { list: [1, 'two', null], flag: true } }, sealedSecrets: 'sealed', createdByUserId: null, idempotencyKey: 'key_1', causationEventId: null, causationDepth: 2, correlationId: "it's", runTimeoutSeconds: 30, createdAt: at, updatedAt: at, expiresAt: new Date(at.getTime() + 5000) }],
    [AuditEvent, { id: 'aud_1', actorType: 'AGENT', actorId: 'agt_1', action: 'command.dispatched', targetType: 'Command', targetId: 'cmd_1', result: 'SUCCESS', message: 'quoted \'text\' and a ? mark', requestId: 'req_1', ipAddress: '127.0.0.1', userAgent: 'node', metadata: { depth: 0, causationId: null, note: 'ü "quotes"' }, correlationId: 'corr', createdAt: at }],
    [BusEvent, { id: 'bev_1', agentId: 'agt_1', sourceServiceId: 'svc_1', sourceServiceCode: 'shop', eventType: 'order.created', clientEventId: 'evt_1', payload: { orderId: 'o-1', amount: 12.5 }, metadata: {}, correlationId: 'corr', causationId: null, depth: 1, dryRun: true, occurredAt: at, acceptedAt: at, routeCount: 1, outcome: [{ routeId: 'brt_1', dryRun: true, status: 'DRY_RUN' }] }],
    [BusDispatch, { id: 'bdp_1', eventId: 'bev_1', routeId: 'brt_1', routeName: 'route', targetServiceCode: 'mailer', actionName: 'echo', dryRun: false, status: 'FAILED', payload: null, errorCode: 'BUS_MAPPING_INVALID', errorMessage: 'no', issues: [{ path: 'message', message: 'is required' }], createdAt: at, updatedAt: at }],
  ] as const;

  /** Every row of a table with each column's value and storage class. */
  async function typedRows(orm: MikroORM, table: string): Promise<unknown[]> {
    const columns = (await orm.em.getConnection().execute(`select name from pragma_table_info('${table}')`)) as Array<{ name: string }>;
    const select = columns.map(({ name }) => `\`${name}\`, typeof(\`${name}\`) as \`${name}:type\``).join(', ');
    return orm.em.getConnection().execute(`select ${select} from \`${table}\` order by id`);
  }

  /** Only `Date` is faked, frozen at a later instant, so `onUpdate` timestamps agree between the two runs. */
  async function exercise(orm: MikroORM): Promise<unknown[]> {
    jest.useFakeTimers({ now: new Date(at.getTime() + 60_000), doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      return await writeAndRead(orm);
    } finally {
      jest.useRealTimers();
    }
  }

  async function writeAndRead(orm: MikroORM): Promise<unknown[]> {
    const em = orm.em.fork();
    for (const [entity, data] of samples()) em.create(entity as never, data as never);
    await em.flush();
    const command = await em.findOneOrFail(Command, { id: 'cmd_1' });
    command.status = 'RUNNING';
    command.runTimeoutSeconds = 45;
    command.startedAt = new Date(at.getTime() + 1000);
    await em.flush();
    await em.nativeUpdate(BusEvent, { id: 'bev_1' }, { dryRun: false, routeCount: 3 });
    const reads = orm.em.fork();
    return [
      await reads.find(Command, { status: { $in: ['RUNNING', 'PENDING'] }, createdAt: { $lte: at }, causationDepth: { $gte: 2 } }),
      await reads.find(BusEvent, { dryRun: false, payload: { amount: 12.5 } } as never),
      await reads.count(AuditEvent, { message: { $like: '%? mark' } }),
      await reads.find(BusDispatch, { id: { $in: [] } }),
      await orm.em.getConnection().execute('select typeof(?) as i, typeof(?) as r, typeof(?) as b, typeof(?) as d, ? || ? as text', [5, 2.5, true, at, 7, 'x']),
    ].map((result) => JSON.parse(JSON.stringify(result)));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bound-driver-'));
    stock = await MikroORM.init({ ...buildOrmConfig(join(dir, 'stock.db')), driver: SqliteDriver, logger: () => undefined });
    bound = await MikroORM.init({ ...buildOrmConfig(join(dir, 'bound.db')), logger: () => undefined });
    await stock.migrator.up();
    await bound.migrator.up();
  });
  afterAll(async () => {
    await stock?.close();
    await bound?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores and reads exactly what the stock driver does, storage class included', async () => {
    expect(stock.em.getConnection()).not.toBeInstanceOf(OpstageSqliteConnection);
    expect(bound.em.getConnection()).toBeInstanceOf(OpstageSqliteConnection);
    const [viaStock, viaBound] = [await exercise(stock), await exercise(bound)];
    expect(viaBound).toEqual(viaStock);
    expect((viaBound[0] as unknown[]).length).toBe(1);
    expect(viaBound[2]).toBe(1);
    for (const table of ['commands', 'audit_events', 'bus_events', 'bus_dispatches']) {
      const rows = await typedRows(bound, table);
      expect(rows).toHaveLength(1);
      expect(rows).toEqual(await typedRows(stock, table));
    }
  });

  it('prepares a query shape once, whatever its values', async () => {
    const connection = bound.em.getConnection() as OpstageSqliteConnection;
    const database = (await connection.getNativeClient()) as unknown as Database.Database;
    const prepare = jest.spyOn(database, 'prepare');
    try {
      for (let i = 0; i < 20; i++) await bound.em.fork().findOne(Command, { id: `cmd_${i}`, runTimeoutSeconds: { $gt: i } });
      expect(prepare.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      prepare.mockRestore();
    }
  });
});
