import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { AccessGuard } from './auth/access.guard';
import { AuditModule } from './audit/audit.module';
import { ConfigModule } from './config/config.module';
import { OpstageConfig } from './config/opstage-config';
import { DatabaseModule } from './database/database.module';
import { NotifierModule } from './notifier/notifier.module';
import { SystemModule } from './system/system.module';
import { UsersModule } from './users/users.module';
import { RegistrationTokensModule } from './registration-tokens/registration-tokens.module';
import { AgentsModule } from './agents/agents.module';
import { CapsuleServicesModule } from './capsule-services/capsule-services.module';
import { FEATURE_MODULES } from './feature-modules';

/** The Opstage backend: one module per domain, wired around the one validated config. */
@Module({})
export class AppModule {
  static forRoot(config: OpstageConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: false,
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[REDACTED]' },
          },
        }),
        DatabaseModule,
        CqrsModule.forRoot(),
        ScheduleModule.forRoot(),
        NotifierModule,
        AuditModule,
        AuthModule,
        UsersModule,
        SystemModule,
        RegistrationTokensModule,
        CapsuleServicesModule,
        AgentsModule,
        ...FEATURE_MODULES,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
