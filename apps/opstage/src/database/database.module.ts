import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { OpstageSqliteDriver } from './opstage-sqlite-driver';
import { OpstageConfig } from '../config/opstage-config';
import { ENTITIES } from './entities';
import { buildOrmConfig } from './mikro-orm.config';

@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [OpstageConfig],
      useFactory: (config: OpstageConfig) => buildOrmConfig(config.databasePath),
      driver: OpstageSqliteDriver,
    }),
    MikroOrmModule.forFeature(ENTITIES),
  ],
  exports: [MikroOrmModule],
})
export class DatabaseModule {}
