import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/sqlite';
import { AuditEvent } from '../audit/audit-event.entity';
import { BusDispatch } from '../bus/bus-dispatch.entity';
import { BusEvent } from '../bus/bus-event.entity';
import { Agent } from '../agents/agent.entity';
import { Command } from '../commands/command.entity';
import { openOrm } from '../cli/open-orm';
import type { NativeSqlite } from './native-sqlite';
import { nativeReadNow, runNativeTransaction, runNativeTransactionNow } from './native-transaction';

/** Rows of one table keyed by id, as SQLite holds them. */
async function rows(orm: MikroORM, table: string): Promise<Map<string, Record<string, unknown>>> {
  const all = (await orm.em.getConnection().execute(`select * from ${table}`)) as Array<Record<string, unknown>>;
  return new Map(all.map((row) => [String(row['id']), row]));
}

describe('native inserts inside an ORM transaction', () => {
  let dir: string;
  let orm: MikroORM;
  const at = new Date('2026-11-24T10:00:00.123Z');

  // Every column filled with a non-default value where the type allows: JSON with nesting, booleans, dates, nulls.
  const samples = (suffix: string) => [
    [Command, { id: `cmd_${suffix}`, agentId: 'agt_1', serviceId: 'svc_1', type: 'ACTION_EXECUTE', actionName: 'echo', status: 'PENDING', payload: { n: 1, nested: { list: [1, 'two', null], flag: true } }, sealedSecrets: 'sealed', createdByUserId: null, idempotencyKey: `key_${suffix}`, causationEventId: 'bev_1', causationDepth: 2, correlationId: 'corr', runTimeoutSeconds: 30, createdAt: at, updatedAt: at, expiresAt: new Date(at.getTime() + 5000) }],
    [AuditEvent, { id: `aud_${suffix}`, actorType: 'AGENT', actorId: 'agt_1', action: 'bus.event.received', targetType: 'BusEvent', targetId: 'bev_1', result: 'SUCCESS', message: 'quoted \'text\'', requestId: 'req_1', ipAddress: '127.0.0.1', userAgent: 'node', metadata: { depth: 0, causationId: null, note: 'ü "quotes"' }, correlationId: 'corr', createdAt: at }],
    [BusEvent, { id: `bev_${suffix}`, agentId: 'agt_1', sourceServiceId: 'svc_1', sourceServiceCode: 'shop', eventType: 'order.created', clientEventId: `evt_${suffix}`, payload: { orderId: 'o-1', amount: 12.5 }, metadata: {}, correlationId: 'corr', causationId: null, depth: 1, dryRun: true, occurredAt: at, acceptedAt: at, routeCount: 1, outcome: [{ routeId: 'brt_1', dispatchId: 'bdp_1', dryRun: true, targetServiceCode: 'mailer', actionName: 'echo', status: 'DRY_RUN' }] }],
    [BusDispatch, { id: `bdp_${suffix}`, eventId: 'bev_1', routeId: 'brt_1', routeName: 'route', targetServiceCode: 'mailer', actionName: 'echo', dryRun: false, status: 'FAILED', payload: null, errorCode: 'BUS_MAPPING_INVALID', errorMessage: 'no', issues: [{ path: 'message', message: 'is required' }], createdAt: at, updatedAt: at }],
  ] as const;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'native-tx-'));
    orm = await openOrm(join(dir, 'native.db'));
    await orm.migrator.up();
  });
  afterAll(async () => {
    await orm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the row the ORM writes, column for column', async () => {
    const em = orm.em.fork();
    for (const [entity, data] of samples('orm')) em.create(entity as never, data as never);
    await em.flush();
    await runNativeTransaction(orm.em.fork(), (statements, tx) => {
      for (const [entity, data] of samples('native')) tx.create(entity as never, data as never);
      statements.insertPending(tx);
    });
    for (const table of ['commands', 'audit_events', 'bus_events', 'bus_dispatches']) {
      const stored = await rows(orm, table);
      const [viaOrm, viaNative] = [...stored.values()].filter((row) => /_(orm|native)$/.test(String(row['id'])));
      const strip = (row: Record<string, unknown> | undefined) => JSON.parse(JSON.stringify(row ?? {}).replace(/_(orm|native)"/g, '"'));
      expect(viaNative).toBeDefined();
      expect(strip(viaNative)).toEqual(strip(viaOrm));
    }
    const loaded = await orm.em.fork().findOneOrFail(BusEvent, { id: 'bev_native' });
    expect(loaded).toMatchObject({ dryRun: true, occurredAt: at, payload: { orderId: 'o-1', amount: 12.5 }, outcome: [expect.objectContaining({ status: 'DRY_RUN' })] });
  });

  it('rolls the native writes back with the transaction', async () => {
    await expect(
      runNativeTransaction(orm.em.fork(), (statements, tx) => {
        tx.create(AuditEvent, { id: 'aud_rolled_back', actorType: 'SYSTEM', action: 'x', createdAt: at } as never);
        statements.insertPending(tx);
        throw new Error('after the insert');
      }),
    ).rejects.toThrow('after the insert');
    expect((await rows(orm, 'audit_events')).has('aud_rolled_back')).toBe(false);
  });

  it('refuses a unit of work with anything but inserts pending', async () => {
    const em = orm.em.fork();
    em.create(Agent, { id: 'agt_native', code: 'native', name: 'native' });
    await em.flush();
    await expect(
      runNativeTransaction(orm.em.fork(), async (statements, tx) => {
        const agent = await tx.findOneOrFail(Agent, { id: 'agt_native' });
        agent.name = 'changed';
        statements.insertPending(tx);
      }),
    ).rejects.toThrow(/Agent has a pending update/);
    expect((await orm.em.fork().findOneOrFail(Agent, { id: 'agt_native' })).name).toBe('native');
  });

  it('reads through cached prepared statements with bound parameters', async () => {
    const names = await runNativeTransaction(orm.em.fork(), (statements) => [
      statements.get<{ name: string }>('select name from agents where id = ?', 'agt_native')?.name,
      statements.get<{ name: string }>('select name from agents where id = ?', 'agt_missing')?.name,
      statements.all<{ id: string }>('select id from bus_events where depth = ? order by id', 1).map((row) => row.id),
    ]);
    expect(names).toEqual(['native', undefined, ['bev_native', 'bev_orm']]);
  });
});

describe('native transactions run at once', () => {
  let dir: string;
  let orm: MikroORM;
  let db: NativeSqlite;
  const at = new Date('2026-11-25T10:00:00.000Z');
  const audit = (id: string) => ({ id, actorType: 'SYSTEM', action: 'test', createdAt: at }) as never;
  const stored = async (id: string) => (await rows(orm, 'audit_events')).has(id);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'native-now-'));
    orm = await openOrm(join(dir, 'native.db'));
    await orm.migrator.up();
    db = (await orm.em.getConnection().getNativeClient()) as unknown as NativeSqlite;
  });
  afterAll(async () => {
    await orm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits in a transaction of its own, inserting what the work left pending', async () => {
    const seen = await runNativeTransactionNow(orm.em.fork(), (statements, tx) => {
      tx.create(AuditEvent, audit('aud_now_explicit'));
      statements.insertPending(tx);
      tx.create(AuditEvent, audit('aud_now_left_pending'));
      return { inTransaction: db.inTransaction, count: statements.get<{ n: number }>("select count(*) as n from audit_events where id like 'aud_now_%'")?.n };
    });
    expect(seen).toEqual({ inTransaction: true, count: 1 });
    expect(db.inTransaction).toBe(false);
    expect([await stored('aud_now_explicit'), await stored('aud_now_left_pending')]).toEqual([true, true]);
  });

  it('rolls back everything when the work throws', async () => {
    await expect(
      runNativeTransactionNow(orm.em.fork(), (statements, tx) => {
        tx.create(AuditEvent, audit('aud_now_rolled_back'));
        statements.insertPending(tx);
        throw new Error('after the insert');
      }),
    ).rejects.toThrow('after the insert');
    expect(await stored('aud_now_rolled_back')).toBe(false);
    expect(db.inTransaction).toBe(false);
  });

  it('waits behind an open ORM transaction instead of joining it (and being rolled back with it)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const outer = orm.em.fork().transactional(async (tx) => {
      tx.create(AuditEvent, audit('aud_outer'));
      await tx.flush();
      await gate;
      order.push('outer ends');
      throw new Error('the outer transaction fails');
    });
    for (let i = 0; i < 1000 && !db.inTransaction; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(db.inTransaction).toBe(true); // the outer transaction is open, awaiting between its statements

    const inner = runNativeTransactionNow(orm.em.fork(), (_statements, tx) => {
      order.push('inner runs');
      tx.create(AuditEvent, audit('aud_inner'));
    });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await expect(outer).rejects.toThrow('the outer transaction fails');
    await inner;
    expect(order).toEqual(['outer ends', 'inner runs']);
    expect([await stored('aud_outer'), await stored('aud_inner')]).toEqual([false, true]);
  });

  it('reads at once, without waiting behind an open ORM transaction (seeing its uncommitted rows)', async () => {
    const count = (em = orm.em.fork()) => nativeReadNow<{ n: number }>(em, "select count(*) as n from audit_events where id like 'aud_read_%'");
    expect(await count()).toEqual({ n: 0 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const outer = orm.em.fork().transactional(async (tx) => {
      tx.create(AuditEvent, audit('aud_read_uncommitted'));
      await tx.flush();
      await gate;
      throw new Error('rolled back');
    });
    for (let i = 0; i < 1000 && !db.inTransaction; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(db.inTransaction).toBe(true);
    // The ORM's own way queues behind the open transaction; the native read answers while it is still open.
    const viaOrm = orm.em.fork().getConnection().execute("select count(*) as n from audit_events where id like 'aud_read_%'");
    let ormAnswered = false;
    void viaOrm.then(() => (ormAnswered = true));
    expect(await count()).toEqual({ n: 1 });
    expect([ormAnswered, db.inTransaction]).toEqual([false, true]);
    release();
    await expect(outer).rejects.toThrow('rolled back');
    expect(await viaOrm).toEqual([{ n: 0 }]);
    expect(await count()).toEqual({ n: 0 });
  });
});
