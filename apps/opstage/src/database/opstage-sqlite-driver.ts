import { type AnyEntity, type Configuration, type Dictionary, type EntityData, type LoggingOptions, type QueryResult, type Transaction } from '@mikro-orm/core';
import { type NativeQueryBuilder, type RawQueryFragment, SqliteConnection, SqliteDriver } from '@mikro-orm/sqlite';
import type Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect } from 'kysely';
import { bindQuery } from './bound-query';
import { StatementCache } from './statement-cache';

/**
 * MikroORM's better-sqlite3 connection, sending values as bound parameters to statements prepared once per query
 * shape (ADR 0012). A query it cannot bind exactly as the ORM would inline it goes the ORM's own way.
 */
export class OpstageSqliteConnection extends SqliteConnection {
  statements?: StatementCache;

  override createKyselyDialect(options: Dictionary): SqliteDialect {
    super.createKyselyDialect(options); // opens the better-sqlite3 database it keeps for getNativeClient()
    this.statements = new StatementCache((this as unknown as { database: Database.Database }).database);
    return new SqliteDialect({ database: this.statements, onCreateConnection: this.options.onCreateConnection ?? this.config.get('onCreateConnection') });
  }

  override async execute<T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[]>(
    query: string | NativeQueryBuilder | RawQueryFragment,
    params: readonly unknown[] | Dictionary<unknown> = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
    loggerContext?: LoggingOptions,
  ): Promise<T> {
    const abortable = loggerContext && ('signal' in loggerContext || 'inflightQueryAbortStrategy' in loggerContext);
    if (typeof query !== 'string' || !Array.isArray(params) || abortable) return super.execute<T>(query, params, method, ctx, loggerContext);
    const sql = this.config.get('onQuery')(query, params);
    const bound = bindQuery(this.platform, sql, params);
    if (!bound) return super.execute<T>(query, params, method, ctx, loggerContext);
    await this.ensureConnection();
    const logged = this.loggedSql(sql, params, loggerContext);
    return this.executeQuery(
      logged,
      async () => this.transformRawResult<T>(await (ctx ?? this.getClient()).executeQuery(CompiledQuery.raw(bound.sql, bound.values)), method),
      { query: sql, params, ...loggerContext },
    );
  }

  /** What the query log shows: the ORM's formatted SQL with values only when `query-params` logging is on. */
  private loggedSql(sql: string, params: readonly unknown[], context?: LoggingOptions): string {
    const logger = this.config.getLogger();
    return logger.isEnabled('query', context) && logger.isEnabled('query-params', context) ? this.platform.formatQuery(sql, params as unknown[]) : sql;
  }
}

/** The SQLite driver Opstage runs on: MikroORM's, with {@link OpstageSqliteConnection}. */
export class OpstageSqliteDriver extends SqliteDriver {
  constructor(config: Configuration) {
    super(config);
    // SqliteDriver builds its own connection class; this one replaces it before anything connects (no replicas here).
    (this as unknown as { connection: OpstageSqliteConnection }).connection = new OpstageSqliteConnection(this.config);
  }
}
