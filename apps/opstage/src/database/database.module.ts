import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/sqlite';
import { OpstageSqliteDriver } from './opstage-sqlite-driver';
import { OpstageConfig } from '../config/opstage-config';
import { ENTITIES } from './entities';
import { buildOrmConfig } from './mikro-orm.config';
import { WalCheckpointer } from './wal-checkpointer';

@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [OpstageConfig],
      // The HTTP layer opens each request's scope itself and forks on first use (http/request-context.ts).
      useFactory: (config: OpstageConfig) => ({ ...buildOrmConfig(config.databasePath), registerRequestContext: false }),
      driver: OpstageSqliteDriver,
    }),
    MikroOrmModule.forFeature(ENTITIES),
  ],
  providers: [
    {
      provide: WalCheckpointer,
      inject: [OpstageConfig, MikroORM],
      useFactory: (config: OpstageConfig, orm: MikroORM) => new WalCheckpointer(config.databasePath, config.walCheckpointIntervalMs, (sql) => orm.em.fork().getConnection().execute(sql)),
    },
  ],
  exports: [MikroOrmModule, WalCheckpointer],
})
export class DatabaseModule {}
