import { Type } from '@nestjs/common';
import { CommandsModule } from './commands/commands.module';
import { BusModule } from './bus/bus.module';
import { BackupModule } from './backup/backup.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MetricsModule } from './metrics/metrics.module';
import { SettingsModule } from './settings/settings.module';
import { StreamModule } from './stream/stream.module';

/** Domain modules beyond the core ones; each new domain module is added here. */
export const FEATURE_MODULES: Type<unknown>[] = [
  CommandsModule,
  MetricsModule,
  SettingsModule,
  DashboardModule,
  DiagnosticsModule,
  BackupModule,
  MaintenanceModule,
  StreamModule,
  BusModule,
];
