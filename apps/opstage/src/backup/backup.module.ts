import { Module } from '@nestjs/common';
import { BackupController } from './backup.controller';
import { BackupService } from './backup.service';
import { BackupStore } from './backup-store';

@Module({ controllers: [BackupController], providers: [BackupService, BackupStore], exports: [BackupStore, BackupService] })
export class BackupModule {}
