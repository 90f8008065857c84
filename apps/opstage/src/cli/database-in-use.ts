import { existsSync } from 'node:fs';
import { openNativeSqlite } from '../database/native-sqlite';

/**
 * Whether another process has the SQLite file open. Opstage always runs its database in WAL mode, and every
 * connection to a WAL database keeps a shared lock for as long as it is open, even when idle. An exclusive lock
 * attempt with no busy wait therefore fails exactly while a server (or any other connection) holds the file, and
 * succeeds after a crash, since the OS drops a dead process's locks. See docs/adr/0007-restore-lock.md.
 */
export function isDatabaseInUse(databasePath: string): boolean {
  if (!existsSync(databasePath)) return false;
  const probe = openNativeSqlite(databasePath, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = exclusive');
    probe.exec('begin exclusive');
    probe.exec('commit');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') return true;
    throw error;
  } finally {
    probe.close();
  }
}
