import { chmodSync, constants, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../../audit/audit-recorder';
import { OpstageConfig } from '../../config/opstage-config';
import { migrationStatus, MigrationStatus } from '../../database/migration-status';
import { assertIntactOpstageDatabase } from '../backup-file-check';
import { cliActor } from '../cli-actor';
import { CliCommand, note, out } from '../cli-command';
import { loadCliConfig, withBackend } from '../cli-context';
import { CliFailure, EXIT } from '../cli-failure';
import { isDatabaseInUse } from '../database-in-use';
import { openOrm } from '../open-orm';

async function stagedStatus(path: string): Promise<MigrationStatus> {
  const orm = await openOrm(path);
  try {
    return await migrationStatus(orm);
  } finally {
    await orm.close();
  }
}

function inUseOrUnreadable(databasePath: string): boolean {
  try {
    return isDatabaseInUse(databasePath);
  } catch (error) {
    // A damaged live file cannot be probed for a lock: refuse rather than guess whether a server still holds it.
    throw new CliFailure(`${databasePath} cannot be checked for a running server (${(error as Error).message}). Stop the server, move the file away by hand, then restore.`);
  }
}

/** Moves the live database (and a leftover WAL or rollback journal) aside under one name; drops the rebuildable -shm. */
function moveAside(databasePath: string, stamp: string): string | null {
  if (!existsSync(databasePath)) return null;
  const aside = `${databasePath}.replaced-${stamp}`;
  renameSync(databasePath, aside);
  for (const suffix of ['-wal', '-journal']) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, aside + suffix);
  }
  rmSync(`${databasePath}-shm`, { force: true });
  return aside;
}

async function auditRestore(config: OpstageConfig, source: string, aside: string | null): Promise<void> {
  await withBackend(config, async (app) => {
    const em: EntityManager = app.get(EntityManager);
    const audit = app.get(AuditRecorder);
    await em.fork().transactional(async (tx) => {
      audit.record(tx, { ...cliActor(), action: 'backup.sqlite.restored', targetType: 'Backup', targetId: basename(source), metadata: { sizeBytes: statSync(source).size, replacedFile: aside ? basename(aside) : null } });
    });
  });
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore FILE',
  summary: 'Replace the database with a verified backup (refused while a server holds the database)',
  positionals: 1,
  async run({ positionals }) {
    const source = resolve(positionals[0]);
    if (!existsSync(source)) throw new CliFailure(`${source} does not exist.`, EXIT.usage);
    const config = loadCliConfig();
    const target = config.databasePath;
    if (target === ':memory:') throw new CliFailure('DATABASE_URL is :memory:; there is no file to restore into.');
    if (resolve(target) === source) throw new CliFailure('FILE is the live database itself.');
    assertIntactOpstageDatabase(source);

    // Stage a verified copy next to the database first, so the swap below is two renames on one filesystem.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const staged = `${target}.restoring-${stamp}`;
    copyFileSync(source, staged, constants.COPYFILE_EXCL);
    chmodSync(staged, 0o600);
    let aside: string | null;
    let status: MigrationStatus;
    try {
      assertIntactOpstageDatabase(staged);
      status = await stagedStatus(staged);
      if (status.unknown.length) throw new CliFailure(`The backup was made by a newer Opstage (${status.unknown.join(', ')}); restore it with that version.`);
      if (inUseOrUnreadable(target)) {
        throw new CliFailure(`${target} is in use by another process (a running Opstage server?). Stop it first; nothing was changed.`);
      }
      aside = moveAside(target, stamp);
      renameSync(staged, target);
    } finally {
      rmSync(staged, { force: true });
    }

    note(aside ? `The replaced database is kept at ${aside}.` : 'There was no database before; nothing was replaced.');
    if (status.pending.length) {
      note(`The backup is ${status.pending.length} migration(s) behind this version; the server applies them at start (or run \`opstage migrate\`). The restore is audited once the schema is current.`);
    } else {
      await auditRestore(config, source, aside);
    }
    out(`Restored ${source} into ${target}.`);
    return 0;
  },
};
