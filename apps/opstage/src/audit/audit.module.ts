import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditRecorder } from './audit-recorder';

/** The recorder is global: every domain writes its audit rows inside its own transactions. */
@Global()
@Module({ controllers: [AuditController], providers: [AuditRecorder, AuditQueryService], exports: [AuditRecorder, AuditQueryService] })
export class AuditModule {}
