import { createReadStream, existsSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { SqliteConnection } from '@mikro-orm/sqlite';
import { AuditActor, AuditRecorder } from '../audit/audit-recorder';
import { NativeSqlite, openNativeSqlite } from '../database/native-sqlite';
import { BackupStore } from './backup-store';

export interface CreatedBackup {
  filename: string;
  sizeBytes: number;
  open(): ReadStream;
}

/**
 * Online SQLite backup through better-sqlite3's backup API on the live connection: pages are copied in steps while
 * other requests keep writing (changes made through the same connection are carried into the copy), so the file is a
 * consistent snapshot. The copy is switched to a rollback journal so it is one self-contained file.
 */
@Injectable()
export class BackupService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: BackupStore,
    private readonly audit: AuditRecorder,
  ) {}

  /** A new backup in the backup directory (the admin download). */
  async createSqliteBackup(actor: AuditActor, now = new Date()): Promise<CreatedBackup> {
    await this.store.ensureDir();
    const filename = this.freeName(now);
    const path = join(this.store.dir, filename);
    const sizeBytes = await this.backupTo(path, actor);
    return { filename, sizeBytes, open: () => createReadStream(path) };
  }

  /**
   * Writes a consistent, self-contained copy of the live database to `path` (which must not exist) and audits
   * `backup.sqlite.created` with the file name (never the directory). Returns the size in bytes.
   */
  async backupTo(path: string, actor: AuditActor): Promise<number> {
    const native = (await (this.em.getConnection() as SqliteConnection).getNativeClient()) as unknown as NativeSqlite;
    await native.backup(path);
    const copy = openNativeSqlite(path);
    try {
      copy.pragma('journal_mode = delete');
    } finally {
      copy.close();
    }
    const { size } = await stat(path);
    await this.em.fork().transactional(async (tx) => {
      this.audit.record(tx, { ...actor, action: 'backup.sqlite.created', targetType: 'Backup', targetId: basename(path), metadata: { sizeBytes: size } });
    });
    return size;
  }

  private freeName(now: Date): string {
    const base = BackupStore.filenameFor(now);
    if (!existsSync(join(this.store.dir, base))) return base;
    for (let i = 1; ; i++) {
      const candidate = base.replace(/\.db$/, `-${i}.db`);
      if (!existsSync(join(this.store.dir, candidate))) return candidate;
    }
  }
}
