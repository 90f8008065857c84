import { MikroORM } from '@mikro-orm/sqlite';
import { applySqlitePragmas } from './sqlite-pragmas';

/** Pragmas, then every pending committed migration. Runs before the app serves anything. */
export async function prepareDatabase(orm: MikroORM): Promise<void> {
  await applySqlitePragmas(orm.em.fork());
  await orm.migrator.up();
}
