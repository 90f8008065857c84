import { Global, Module } from '@nestjs/common';
import { AdminMetricsService } from './admin-metrics.service';
import { InventoryCounts } from './inventory-counts';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { OperationalCounters } from './operational-counters';
import { PrometheusExporter } from './prometheus-exporter';

/** Global so any domain can inject `OperationalCounters` without importing this module (and without cycles). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: MetricsRegistry, useFactory: () => new MetricsRegistry() }, OperationalCounters, InventoryCounts, AdminMetricsService, PrometheusExporter],
  exports: [OperationalCounters, InventoryCounts, MetricsRegistry],
})
export class MetricsModule {}
