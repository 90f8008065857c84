import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** Uses `InventoryCounts` from the (global) metrics module. */
@Module({ controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
