import { join } from 'node:path';
import { defineConfig, Options } from '@mikro-orm/sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';
import { OpstageSqliteDriver } from './opstage-sqlite-driver';
import { requestEntityManager } from '../http/request-context';

const ROOT = join(__dirname, '../../../..');
const COMPILED = __filename.endsWith('.js');

/** MikroORM options for a SQLite file (or `:memory:`). Migrations are committed in `migrations/` and applied at boot. */
export function buildOrmConfig(databasePath: string, debug = false): Options {
  return defineConfig({
    driver: OpstageSqliteDriver,
    dbName: databasePath,
    entities: ENTITIES,
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    // A request's fork is made on first use, not for every request (ADR 0013).
    context: requestEntityManager,
    forceUtcTimezone: true,
    // Relation propagation is set up once per managed entity with shared accessors, not with fresh closures on every
    // instance through prototype setters: those gave each loaded entity its own hidden class, which kept the whole
    // request (its fork, identity map, headers) alive through young collections (ADR 0013).
    propagationOnPrototype: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: COMPILED ? join(ROOT, 'migrations') : join(ROOT, 'migrations'),
      pathTs: join(ROOT, 'migrations'),
      glob: COMPILED ? '!(*.d).js' : '!(*.d).{js,ts}',
      snapshot: true,
      snapshotName: '.snapshot-opstage',
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
  });
}

/** Used by the MikroORM CLI (`npm run migration:create`, `migration:check`). */
export default buildOrmConfig(process.env.MIKRO_ORM_DB ?? join(ROOT, 'data', 'cli.db'));
