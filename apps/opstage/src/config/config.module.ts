import { DynamicModule, Global, Module } from '@nestjs/common';
import { OpstageConfig } from './opstage-config';

/** Provides the one validated `OpstageConfig` to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: OpstageConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: OpstageConfig, useValue: config }], exports: [OpstageConfig] };
  }
}
