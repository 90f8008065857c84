/** The slice of better-sqlite3 used outside MikroORM (the package ships no type declarations in this workspace). */
export interface NativeSqlite {
  backup(destination: string): Promise<unknown>;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  exec(source: string): unknown;
  prepare(source: string): { all(...params: unknown[]): unknown[]; get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  close(): void;
}

export interface NativeSqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Busy timeout in milliseconds (better-sqlite3's default is 5000). */
  timeout?: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string, options?: NativeSqliteOptions) => NativeSqlite;

/** Opens a SQLite file directly, for work that must not go through the ORM's connection (backups, lock probes). */
export function openNativeSqlite(path: string, options: NativeSqliteOptions = {}): NativeSqlite {
  return new Database(path, options);
}
