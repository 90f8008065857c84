import { ApiProperty } from '@nestjs/swagger';
import { COMMAND_STATUSES, COMMAND_TYPES, type CommandStatus, type CommandType } from '../../../../libs/contracts/src';
import { AuditEventDto } from '../audit/audit-event.dto';
import { Command } from '../commands/command.entity';
import { WorkspaceDto } from '../metrics/admin-metrics.dto';

const COUNT_MAP = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** A command as the dashboard lists it (a summary; the commands API has the full detail). */
export class DashboardCommandDto {
  @ApiProperty({ pattern: '^cmd_' }) id: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty({ pattern: '^svc_' }) serviceId: string;
  @ApiProperty({ enum: COMMAND_TYPES }) type: CommandType;
  @ApiProperty() actionName: string;
  @ApiProperty({ enum: COMMAND_STATUSES }) status: CommandStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) errorCode: string | null;

  static from(command: Command): DashboardCommandDto {
    return {
      id: command.id,
      agentId: command.agentId,
      serviceId: command.serviceId,
      type: command.type,
      actionName: command.actionName,
      status: command.status,
      createdAt: command.createdAt.toISOString(),
      completedAt: command.completedAt?.toISOString() ?? null,
      errorCode: command.errorCode,
    };
  }
}

export class DashboardSummaryDto {
  @ApiProperty({ type: WorkspaceDto }) workspace: WorkspaceDto;
  @ApiProperty(COUNT_MAP) agentCounts: Record<string, number>;
  @ApiProperty({ ...COUNT_MAP, description: 'By EFFECTIVE status (the same rule as the service list).' }) serviceCounts: Record<string, number>;
  @ApiProperty(COUNT_MAP) commandCounts: Record<string, number>;
  @ApiProperty({ type: 'integer' }) auditEventCount: number;
  @ApiProperty({ type: [DashboardCommandDto] }) recentCommands: DashboardCommandDto[];
  @ApiProperty({ type: [AuditEventDto] }) recentAuditEvents: AuditEventDto[];
}
