import { Module } from '@nestjs/common';
import { BackupModule } from '../backup/backup.module';
import { CommandsModule } from '../commands/commands.module';
import { SettingsModule } from '../settings/settings.module';
import { MaintenanceController } from './maintenance.controller';
import { MaintenanceScheduler } from './maintenance-scheduler';
import { MaintenanceService } from './maintenance.service';

@Module({
  imports: [SettingsModule, BackupModule, CommandsModule],
  controllers: [MaintenanceController],
  providers: [MaintenanceService, MaintenanceScheduler],
  exports: [MaintenanceService],
})
export class MaintenanceModule {}
