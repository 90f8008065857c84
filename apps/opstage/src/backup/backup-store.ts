import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { OpstageConfig } from '../config/opstage-config';

const BACKUP_FILE = /^opstage-[0-9TZ-]+(-\d+)?\.db$/;

/** The backup directory: names new files, lists and prunes what is there. Only files named like our backups are touched. */
@Injectable()
export class BackupStore {
  constructor(private readonly config: OpstageConfig) {}

  get dir(): string {
    return this.config.backupDir;
  }

  async ensureDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  /** `opstage-<ISO timestamp with ':' and '.' replaced by '-'>.db`. */
  static filenameFor(at: Date): string {
    return `opstage-${at.toISOString().replace(/[:.]/g, '-')}.db`;
  }

  /** Our backup files, newest first. */
  async list(): Promise<Array<{ name: string; mtimeMs: number }>> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files = await Promise.all(
      names
        .filter((name) => BACKUP_FILE.test(name))
        .map(async (name) => ({ name, mtimeMs: (await stat(join(this.dir, name))).mtimeMs })),
    );
    return files.sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name));
  }

  /** Deletes all but the newest `keep` backups (0 keeps all); returns how many were deleted. */
  async prune(keep: number): Promise<number> {
    if (keep <= 0) return 0;
    let deleted = 0;
    for (const file of (await this.list()).slice(keep)) {
      try {
        await unlink(join(this.dir, file.name));
        deleted++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return deleted;
  }
}
