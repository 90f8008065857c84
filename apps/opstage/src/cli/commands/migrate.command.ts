import { AuditRecorder } from '../../audit/audit-recorder';
import { migrationStatus } from '../../database/migration-status';
import { applySqlitePragmas } from '../../database/sqlite-pragmas';
import { requestContext, RequestScope } from '../../http/request-context';
import { cliActor, cliRequestMeta } from '../cli-actor';
import { CliCommand, out } from '../cli-command';
import { loadCliConfig } from '../cli-context';
import { CliFailure } from '../cli-failure';
import { isDatabaseInUse } from '../database-in-use';
import { openOrm } from '../open-orm';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Apply pending database migrations (creating the database if there is none) and report them',
  async run() {
    const config = loadCliConfig();
    // Probe before this process opens its own connection (SQLite would count that one too).
    const inUse = isDatabaseInUse(config.databasePath);
    const orm = await openOrm(config.databasePath);
    try {
      await applySqlitePragmas(orm.em.fork());
      const before = await migrationStatus(orm);
      if (before.unknown.length) throw new CliFailure(`The database was migrated by a newer Opstage (${before.unknown.join(', ')}); this version cannot run it.`);
      if (!before.pending.length) {
        out(`Database ${config.databasePath} is up to date: ${before.applied.length} migration(s) applied, none pending.`);
        return 0;
      }
      if (inUse) throw new CliFailure(`${before.pending.length} migration(s) pending, but the database is in use by another process (a running Opstage server?). Stop it first; nothing was changed.`);
      const applied = (await orm.migrator.up()).map((migration) => migration.name);
      await requestContext.run(new RequestScope(cliRequestMeta(config.version)), () =>
        orm.em.fork().transactional(async (tx) => {
          new AuditRecorder().record(tx, { ...cliActor(), action: 'system.migrations.applied', targetType: 'Database', metadata: { migrations: applied } });
        }),
      );
      out(`Applied ${applied.length} migration(s) to ${config.databasePath}:`);
      for (const name of applied) out(`  ${name}`);
      return 0;
    } finally {
      await orm.close();
    }
  },
};
