import { EntityManager } from '@mikro-orm/sqlite';

/**
 * SQLite-only tuning, kept behind this one seam (PostgreSQL needs none of it): WAL so readers never block the
 * writer, NORMAL sync (durable across a process kill), and a busy timeout for the CLI tools that open the same file.
 * The server checkpoints the WAL on a worker thread (`WalCheckpointer`, ADR 0015); the CLI leaves it to SQLite.
 */
export async function applySqlitePragmas(em: EntityManager): Promise<void> {
  const connection = em.getConnection();
  await connection.execute('pragma journal_mode = wal');
  await connection.execute('pragma synchronous = normal');
  await connection.execute('pragma busy_timeout = 5000');
  await connection.execute('pragma foreign_keys = on');
}
