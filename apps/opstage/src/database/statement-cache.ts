import type { EntityManager, SqliteConnection } from '@mikro-orm/sqlite';
import type { NativeSqlite } from './native-sqlite';

const CACHE_LIMIT = 500;
const CACHED = Symbol('opstage:statement-cache');

/**
 * Keeps prepared statements for reuse. Kysely's SQLite driver (under MikroORM) calls `prepare(sql)` for every query, so
 * SQLite parsed and planned the same few hundred statements again on every request (ADR 0009's profile). The
 * connection's `prepare` now returns the statement prepared earlier for the same text, unless that one is busy
 * (an open iterator), in which case it prepares a fresh one as before. Least recently used statements beyond
 * CACHE_LIMIT are dropped.
 */
export async function cachePreparedStatements(em: EntityManager): Promise<void> {
  const database = (await (em.getConnection() as SqliteConnection).getNativeClient()) as unknown as NativeSqlite & { [CACHED]?: true };
  if (database[CACHED]) return;
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, ReturnType<NativeSqlite['prepare']>>();
  database.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  }) as NativeSqlite['prepare'];
  database[CACHED] = true;
}
