import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DANGER_LEVELS, HEALTH_STATUSES, SERVICE_STATUSES, type DangerLevel, type HealthStatus, type ServiceStatus } from '../../../../../libs/contracts/src';
import { PageQueryDto } from '../../http/page-query.dto';
import { EnumFilter, EnumListFilter, IdFilter, TextFilter } from '../../http/query-transforms';
import { ActionDefinition } from '../action-definition.entity';
import { ConfigItem } from '../config-item.entity';
import { HealthReport } from '../health-report.entity';
import { CapsuleServiceDto } from './capsule-service.dto';
import { CapabilityDto, PermissionDto, ServiceEventsDto } from './service-metadata.dto';

export class HealthReportDto {
  @ApiProperty({ pattern: '^hlr_' }) id: string;
  @ApiProperty({ pattern: '^svc_' }) serviceId: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty({ enum: HEALTH_STATUSES }) status: HealthStatus;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;

  static from(report: HealthReport): HealthReportDto {
    return { id: report.id, serviceId: report.service.id, agentId: report.agentId, status: report.status, message: report.message, details: report.details, reportedAt: report.reportedAt.toISOString() };
  }
}

export class ConfigItemDto {
  @ApiProperty({ pattern: '^cfg_' }) id: string;
  @ApiProperty({ pattern: '^svc_' }) serviceId: string;
  @ApiProperty() key: string;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
  @ApiProperty() type: string;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty() editable: boolean;
  @ApiProperty() sensitive: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Always null for sensitive items.' }) valuePreview: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Always null for sensitive items.' }) defaultValue: string | null;
  @ApiProperty({ type: String, nullable: true }) secretRef: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(item: ConfigItem): ConfigItemDto {
    return {
      id: item.id,
      serviceId: item.service.id,
      key: item.key,
      label: item.label,
      type: item.type,
      source: item.source,
      editable: item.editable,
      sensitive: item.sensitive,
      valuePreview: item.sensitive ? null : item.valuePreview,
      defaultValue: item.sensitive ? null : item.defaultValue,
      secretRef: item.secretRef,
      updatedAt: item.updatedAt.toISOString(),
    };
  }
}

export class ActionDefinitionDto {
  @ApiProperty({ pattern: '^act_' }) id: string;
  @ApiProperty({ pattern: '^svc_' }) serviceId: string;
  @ApiProperty() name: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: DANGER_LEVELS }) dangerLevel: DangerLevel;
  @ApiProperty() requiresConfirmation: boolean;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) order: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) inputSchema: Record<string, unknown>;
  @ApiProperty({ type: 'integer', nullable: true }) timeoutSeconds: number | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(action: ActionDefinition): ActionDefinitionDto {
    return {
      id: action.id,
      serviceId: action.service.id,
      name: action.name,
      label: action.label,
      description: action.description,
      dangerLevel: action.dangerLevel,
      requiresConfirmation: action.requiresConfirmation,
      category: action.category,
      order: action.order,
      inputSchema: action.inputSchema,
      timeoutSeconds: action.timeoutSeconds,
      enabled: action.enabled,
      createdAt: action.createdAt.toISOString(),
      updatedAt: action.updatedAt.toISOString(),
    };
  }
}

export class CapsuleServiceDetailDto extends CapsuleServiceDto {
  @ApiProperty({ type: 'object', additionalProperties: true }) manifest: Record<string, unknown>;
  @ApiProperty({ type: HealthReportDto, nullable: true }) health: HealthReportDto | null;
  @ApiProperty({ type: [ConfigItemDto] }) configs: ConfigItemDto[];
  @ApiProperty({ type: [ActionDefinitionDto] }) actions: ActionDefinitionDto[];
  @ApiProperty({ type: [CapabilityDto], description: 'v0.3 metadata from the manifest (capability strings become `{ code }`).' }) capabilities: CapabilityDto[];
  @ApiProperty({ type: ServiceEventsDto, description: 'v0.3 metadata: event types published and consumed.' }) events: ServiceEventsDto;
  @ApiProperty({ type: [PermissionDto], description: 'v0.3 metadata: permissions the service declares.' }) permissions: PermissionDto[];
}

export class ListCapsuleServicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SERVICE_STATUSES, isArray: true, description: 'Effective status.' }) @EnumListFilter(SERVICE_STATUSES) status?: ServiceStatus[];
  @ApiPropertyOptional({ enum: HEALTH_STATUSES }) @EnumFilter(HEALTH_STATUSES) healthStatus?: HealthStatus;
  @ApiPropertyOptional({ pattern: '^agt_' }) @IdFilter('agt') agentId?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 }) @TextFilter(120) q?: string;
}
