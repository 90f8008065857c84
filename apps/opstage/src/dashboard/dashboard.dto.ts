import { ApiProperty } from '@nestjs/swagger';
import { AuditEventDto } from '../audit/audit-event.dto';
import { CommandDto } from '../commands/dto/command.dto';
import { WorkspaceDto } from '../metrics/admin-metrics.dto';

const COUNT_MAP = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class DashboardSummaryDto {
  @ApiProperty({ type: WorkspaceDto }) workspace: WorkspaceDto;
  @ApiProperty(COUNT_MAP) agentCounts: Record<string, number>;
  @ApiProperty({ ...COUNT_MAP, description: 'By EFFECTIVE status (the same rule as the service list).' }) serviceCounts: Record<string, number>;
  @ApiProperty(COUNT_MAP) commandCounts: Record<string, number>;
  @ApiProperty({ type: 'integer' }) auditEventCount: number;
  @ApiProperty({ type: [CommandDto], description: 'The newest commands, as the contract\'s `Command` (payload redacted).' }) recentCommands: CommandDto[];
  @ApiProperty({ type: [AuditEventDto] }) recentAuditEvents: AuditEventDto[];
}
