import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { OpstageConfig } from '../config/opstage-config';
import { ENTITIES } from './entities';
import { buildOrmConfig } from './mikro-orm.config';

@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [OpstageConfig],
      useFactory: (config: OpstageConfig) => buildOrmConfig(config.databasePath),
      driver: SqliteDriver,
    }),
    MikroOrmModule.forFeature(ENTITIES),
  ],
  exports: [MikroOrmModule],
})
export class DatabaseModule {}
