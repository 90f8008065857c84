import { ApiProperty } from '@nestjs/swagger';
import { HEALTH_STATUSES, SERVICE_STATUSES, type HealthStatus, type ServiceStatus } from '../../../../../libs/contracts/src';
import { CapsuleService } from '../capsule-service.entity';

export class CapsuleServiceDto {
  @ApiProperty({ pattern: '^svc_' }) id: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) version: string | null;
  @ApiProperty({ type: String, nullable: true }) runtime: string | null;
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'Effective status (agent freshness applied).' }) status: ServiceStatus;
  @ApiProperty({ enum: SERVICE_STATUSES, description: 'Status derived from the last health report.' }) storedStatus: ServiceStatus;
  @ApiProperty({ enum: HEALTH_STATUSES }) healthStatus: HealthStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastReportedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastHealthAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(service: CapsuleService, effectiveStatus: ServiceStatus): CapsuleServiceDto {
    return {
      id: service.id,
      agentId: service.agent.id,
      code: service.code,
      name: service.name,
      description: service.description,
      version: service.version,
      runtime: service.runtime,
      status: effectiveStatus,
      storedStatus: service.status,
      healthStatus: service.healthStatus,
      lastReportedAt: service.lastReportedAt?.toISOString() ?? null,
      lastHealthAt: service.lastHealthAt?.toISOString() ?? null,
      createdAt: service.createdAt.toISOString(),
      updatedAt: service.updatedAt.toISOString(),
    };
  }
}
