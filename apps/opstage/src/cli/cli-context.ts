import { existsSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/sqlite';
import { ConfigError, loadConfig, OpstageConfig } from '../config/opstage-config';
import { migrationStatus } from '../database/migration-status';
import { applySqlitePragmas } from '../database/sqlite-pragmas';
import { requestContext, RequestScope } from '../http/request-context';
import { cliRequestMeta } from './cli-actor';
import { CliFailure, EXIT } from './cli-failure';
import { CliModule } from './cli-module';

/** The server's own configuration loader; an invalid environment exits 78, as the server does. */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): OpstageConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(error.message, EXIT.config);
    throw error;
  }
}

/**
 * Runs `work` against the configured database through the backend's own services (a Nest application context
 * without HTTP). The database must exist and be fully migrated: the CLI never changes the schema behind `migrate`.
 */
export async function withBackend<T>(config: OpstageConfig, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  if (config.databasePath !== ':memory:' && !existsSync(config.databasePath)) {
    throw new CliFailure(`No database at ${config.databasePath}: start the server once or run \`opstage migrate\` first.`);
  }
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false, abortOnError: false });
  try {
    const orm = app.get(MikroORM);
    await applySqlitePragmas(orm.em.fork());
    const { pending, unknown } = await migrationStatus(orm);
    if (unknown.length) throw new CliFailure(`The database was migrated by a newer Opstage (${unknown.join(', ')}); use that version's CLI.`);
    if (pending.length) throw new CliFailure(`The database has ${pending.length} pending migration(s); run \`opstage migrate\` first.`);
    return await requestContext.run(new RequestScope(cliRequestMeta(config.version), orm.em), () => work(app));
  } finally {
    await app.close();
  }
}
