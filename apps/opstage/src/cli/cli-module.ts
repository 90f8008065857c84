import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BackupModule } from '../backup/backup.module';
import { ConfigModule } from '../config/config.module';
import { OpstageConfig } from '../config/opstage-config';
import { DatabaseModule } from '../database/database.module';
import { RegistrationTokensModule } from '../registration-tokens/registration-tokens.module';
import { UsersModule } from '../users/users.module';

/**
 * The backend modules the CLI drives, without HTTP, the scheduler or the notifier: the same services and audit
 * recorder as the API, so a change made here is validated and audited exactly as through the API.
 */
@Module({})
export class CliModule {
  static forRoot(config: OpstageConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), DatabaseModule, AuditModule, UsersModule, RegistrationTokensModule, BackupModule] };
  }
}
