import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { ApiOkEnvelope } from '../http/api-envelope.decorators';
import { RawResponse } from '../http/envelope';
import { AdminMetricsDto } from './admin-metrics.dto';
import { AdminMetricsService } from './admin-metrics.service';
import { PrometheusExporter } from './prometheus-exporter';

@ApiTags('AdminDashboard')
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: AdminMetricsService,
    private readonly prometheus: PrometheusExporter,
  ) {}

  @Get('api/admin/metrics')
  @Access.viewer()
  @ApiOperation({ operationId: 'getAdminMetrics', summary: 'Operational metrics from live state and in-process counters.' })
  @ApiOkEnvelope(AdminMetricsDto)
  admin(): Promise<AdminMetricsDto> {
    return this.metrics.snapshot();
  }

  @Get('metrics')
  @Access.public()
  @ApiOperation({ operationId: 'getPrometheusMetrics', summary: 'Prometheus text exposition (gauges, counters, process and HTTP metrics).' })
  @ApiProduces('text/plain')
  async prometheusText(@Res({ passthrough: true }) reply: FastifyReply): Promise<RawResponse> {
    const body = await this.prometheus.render();
    reply.header('content-type', this.prometheus.contentType).header('cache-control', 'no-store');
    return new RawResponse(body);
  }
}
