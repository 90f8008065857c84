import { MikroORM } from '@mikro-orm/sqlite';
import { buildOrmConfig } from '../database/mikro-orm.config';

/** The server's ORM configuration on `databasePath`, with MikroORM's own log lines off (the CLI reports by itself). */
export function openOrm(databasePath: string): Promise<MikroORM> {
  return MikroORM.init({ ...buildOrmConfig(databasePath), logger: () => undefined });
}
