import { Global, Module } from '@nestjs/common';
import { AuditRecorder } from './audit-recorder';

/** The recorder is global: every domain writes its audit rows inside its own transactions. */
@Global()
@Module({ providers: [AuditRecorder], exports: [AuditRecorder] })
export class AuditModule {}
