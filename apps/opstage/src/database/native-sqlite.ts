import Database from 'better-sqlite3';

/** A better-sqlite3 connection: the driver under MikroORM, opened directly for work that must not use the ORM. */
export type NativeSqlite = Database.Database;
export type NativeSqliteOptions = Database.Options;

/** Opens a SQLite file directly, for work that must not go through the ORM's connection (backups, lock probes, checks). */
export function openNativeSqlite(path: string, options: NativeSqliteOptions = {}): NativeSqlite {
  return new Database(path, options);
}
