import { Module } from '@nestjs/common';
import { DatabaseProbe } from './database-probe';
import { SystemController } from './system.controller';

@Module({ controllers: [SystemController], providers: [DatabaseProbe], exports: [DatabaseProbe] })
export class SystemModule {}
