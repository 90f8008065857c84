import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The better-sqlite3 database as kysely sees it, with its prepared statements reused by SQL text (ADR 0012).
 *
 * Preparing a statement per query costs the parse, and each statement is a native object behind a weak handle: V8's
 * young-generation collector keeps every one of them (and its SQL text) alive until a full collection, so a server
 * preparing thousands a second pays long scavenges and holds their native memory. With bound parameters
 * (`bindQuery`) a query shape is one text, prepared once.
 *
 * At most `capacity` statements are kept; the oldest goes first. A statement still being iterated (a streamed query)
 * is busy, and a query with the same text meanwhile gets a fresh one.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly capacity = 500,
  ) {}

  prepare(sql: string): SqliteStatement {
    const cached = this.statements.get(sql);
    if (cached) return cached.busy ? this.db.prepare(sql) : cached;
    const statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    if (this.statements.size > this.capacity) this.statements.delete(this.statements.keys().next().value as string);
    return statement;
  }

  /** How many statements are kept (for tests and diagnostics). */
  get size(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
