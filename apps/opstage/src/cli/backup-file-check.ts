import { openNativeSqlite } from '../database/native-sqlite';
import { CliFailure } from './cli-failure';

const OPSTAGE_TABLES = ['mikro_orm_migrations', 'users', 'audit_events'];

/** Refuses anything but an intact Opstage SQLite database: `PRAGMA integrity_check` must answer exactly `ok`. */
export function assertIntactOpstageDatabase(path: string): void {
  let db;
  try {
    db = openNativeSqlite(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CliFailure(`${path} cannot be opened as SQLite: ${(error as Error).message}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    } catch (error) {
      throw new CliFailure(`${path} is not a usable SQLite database: ${(error as Error).message}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new CliFailure(`${path} failed PRAGMA integrity_check:\n  ${problems.slice(0, 10).join('\n  ')}`);
    }
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((row) => row.name));
    const missing = OPSTAGE_TABLES.filter((table) => !tables.has(table));
    if (missing.length) throw new CliFailure(`${path} is not an Opstage database (no ${missing.join(', ')} table).`);
  } finally {
    db.close();
  }
}
