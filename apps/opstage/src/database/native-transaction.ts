import { ChangeSetType, type EntityMetadata, type EntityProperty, JsonType, ReferenceKind } from '@mikro-orm/core';
import { EntityManager, SqliteConnection } from '@mikro-orm/sqlite';
import type Database from 'better-sqlite3';
import type { NativeSqlite } from './native-sqlite';

type Statement = Database.Statement<unknown[]>;

/**
 * Prepared better-sqlite3 statements on the ORM's own connection, cached by their SQL text (so the SQL must take
 * parameters, never inlined values). Handed out only inside {@link runNativeTransaction}, while the ORM's transaction
 * holds the one connection: nothing else can interleave, and the statements commit or roll back with it (and to
 * {@link nativeReadNow} for one read).
 */
export class NativeStatements {
  private readonly cache = new Map<string, Statement>();
  private readonly inserts = new Map<EntityMetadata, { statement: Statement; columns: EntityProperty[] }>();

  constructor(private readonly db: NativeSqlite) {}

  statement(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) this.cache.set(sql, (statement = this.db.prepare<unknown[]>(sql)));
    return statement;
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** Runs a write; answers how many rows it changed. */
  run(sql: string, ...params: unknown[]): number {
    return this.statement(sql).run(...params).changes;
  }

  /**
   * Inserts what the unit of work holds as new entities, one cached statement per entity type, in the order the ORM
   * would, and leaves the unit of work empty. The SQL is built from the entity metadata, so it follows the entities
   * (a test compares every column with what the ORM itself writes). Anything but inserts pending is a programming error.
   */
  insertPending(em: EntityManager): void {
    const uow = em.getUnitOfWork();
    uow.computeChangeSets();
    const changeSets = uow.getChangeSets();
    const other = changeSets.find((changeSet) => changeSet.type !== ChangeSetType.CREATE);
    if (other) throw new Error(`insertPending: ${other.meta.className} has a pending ${other.type}; only inserts may be pending`);
    for (const changeSet of changeSets) {
      const { statement, columns } = this.insertFor(changeSet.meta as EntityMetadata);
      const data = changeSet.payload as Record<string, unknown>;
      statement.run(columns.map((prop) => databaseValue(prop, data[prop.name])));
    }
    em.clear();
  }

  private insertFor(meta: EntityMetadata): { statement: Statement; columns: EntityProperty[] } {
    let insert = this.inserts.get(meta);
    if (!insert) {
      const columns = meta.props.filter((prop) => prop.persist !== false && prop.fieldNames?.length === 1 && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE));
      const names = columns.map((prop) => `\`${prop.fieldNames[0]}\``).join(', ');
      const statement = this.db.prepare<unknown[]>(`insert into \`${meta.tableName}\` (${names}) values (${columns.map(() => '?').join(', ')})`);
      this.inserts.set(meta, (insert = { statement, columns }));
    }
    return insert;
  }
}

/** A value in the form the ORM stores it in SQLite: epoch milliseconds, 0/1, JSON text, a relation's key. */
function databaseValue(prop: EntityProperty, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (prop.customType instanceof JsonType) return typeof value === 'string' ? value : JSON.stringify(value);
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (prop.kind === ReferenceKind.MANY_TO_ONE && Array.isArray(value)) return value[0];
  return value;
}

const statementsByConnection = new WeakMap<object, NativeStatements>();

/**
 * Runs `work` in an ORM transaction with prepared statements on the same connection: for a hot path whose per-query
 * ORM cost (building SQL text and preparing it anew each time) dominates. `work` is synchronous on purpose: the
 * statements run back to back inside the transaction, and entities it adds to `tx` go in through
 * {@link NativeStatements.insertPending}.
 */
export async function runNativeTransaction<T>(em: EntityManager, work: (statements: NativeStatements, tx: EntityManager) => T | Promise<T>): Promise<T> {
  const { statements } = await nativeStatementsOf(em);
  return em.transactional((tx) => work(statements, tx));
}

/**
 * Like {@link runNativeTransaction} for synchronous `work`, but without waiting for its turn on the connection when it
 * need not: kysely serialises every query on the one connection and the ORM's transaction is a chain of awaits, so
 * under load a claim queued behind whatever other requests had just asked for the connection (p99 ~6 ms at 10,000
 * agents). When no ORM transaction is open, `work` runs at once in a transaction of its own on the native handle
 * (`BEGIN IMMEDIATE` … `COMMIT`); being synchronous, nothing can interleave with it, and a query another request has
 * queued runs after the commit. When an ORM transaction is open — one awaiting between its statements — a native
 * transaction would be absorbed into it (and rolled back with it), so `work` queues behind it the ORM's way instead.
 * New entities `work` leaves in `tx` are inserted before the commit either way.
 */
export async function runNativeTransactionNow<T>(em: EntityManager, work: (statements: NativeStatements, tx: EntityManager) => T): Promise<T> {
  const { db, statements } = await nativeStatementsOf(em);
  if (db.inTransaction) return em.transactional((tx) => work(statements, tx));
  return db
    .transaction(() => {
      const result = work(statements, em);
      statements.insertPending(em);
      return result;
    })
    .immediate();
}

/**
 * One read through a cached prepared statement on the native handle, at once: without MikroORM's and kysely's layers
 * (about 0.1 ms a query) and without queueing for the connection behind queries other requests have asked for. For a
 * hot-path read whose answer is only a hint that is checked again: while an ORM transaction is open on the connection
 * (awaiting between its statements) the read sees that transaction's uncommitted writes, which may still roll back;
 * it never misses anything committed.
 */
export async function nativeReadNow<T>(em: EntityManager, sql: string, ...params: unknown[]): Promise<T | undefined> {
  const { statements } = await nativeStatementsOf(em);
  return statements.get<T>(sql, ...params);
}

async function nativeStatementsOf(em: EntityManager): Promise<{ db: NativeSqlite; statements: NativeStatements }> {
  const db = (await (em.getConnection() as SqliteConnection).getNativeClient()) as unknown as NativeSqlite;
  let statements = statementsByConnection.get(db);
  if (!statements) statementsByConnection.set(db, (statements = new NativeStatements(db)));
  return { db, statements };
}
