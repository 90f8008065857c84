import { Module } from '@nestjs/common';
import { MaintenanceSettingsService } from './maintenance-settings.service';
import { SettingsController } from './settings.controller';

@Module({ controllers: [SettingsController], providers: [MaintenanceSettingsService], exports: [MaintenanceSettingsService] })
export class SettingsModule {}
