import { createReadStream, existsSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import type { SqliteConnection } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../audit/audit-recorder';
import { BackupStore } from './backup-store';

/** The slice of better-sqlite3 used here (the package ships no type declarations in this workspace). */
interface NativeSqlite {
  backup(destination: string): Promise<unknown>;
  pragma(source: string): unknown;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string) => NativeSqlite;

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

  async createSqliteBackup(actorId: string, now = new Date()): Promise<CreatedBackup> {
    await this.store.ensureDir();
    const filename = this.freeName(now);
    const path = join(this.store.dir, filename);
    const native = (await (this.em.getConnection() as SqliteConnection).getNativeClient()) as unknown as NativeSqlite;
    await native.backup(path);
    const copy = new Database(path);
    try {
      copy.pragma('journal_mode = delete');
    } finally {
      copy.close();
    }
    const { size } = await stat(path);
    await this.em.fork().transactional(async (tx) => {
      this.audit.record(tx, { actorType: 'USER', actorId, action: 'backup.sqlite.created', targetType: 'Backup', targetId: filename, metadata: { sizeBytes: size } });
    });
    return { filename, sizeBytes: size, open: () => createReadStream(path) };
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
