import { ApiProperty } from '@nestjs/swagger';

export const DEFAULT_WORKSPACE = { id: 'wks_default', code: 'default', name: 'Default Workspace', status: 'ACTIVE' } as const;

const COUNT_MAP = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class WorkspaceDto {
  @ApiProperty({ example: 'wks_default' }) id: string;
  @ApiProperty({ example: 'default' }) code: string;
  @ApiProperty({ example: 'Default Workspace' }) name: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
}

export class MetricsTotalsDto {
  @ApiProperty({ type: 'integer' }) users: number;
  @ApiProperty({ type: 'integer' }) agents: number;
  @ApiProperty({ type: 'integer' }) capsuleServices: number;
  @ApiProperty({ type: 'integer' }) registrationTokens: number;
  @ApiProperty({ type: 'integer' }) commands: number;
  @ApiProperty({ type: 'integer' }) auditEvents: number;
}

export class MetricsByStatusDto {
  @ApiProperty(COUNT_MAP) agents: Record<string, number>;
  @ApiProperty({ ...COUNT_MAP, description: 'By effective status.' }) capsuleServices: Record<string, number>;
  @ApiProperty(COUNT_MAP) registrationTokens: Record<string, number>;
  @ApiProperty(COUNT_MAP) commands: Record<string, number>;
}

export class OperationalMetricsDto {
  @ApiProperty({ type: 'integer', description: 'Agent command polls since the backend started (in memory).' }) agentCommandPolls: number;
  @ApiProperty({ type: 'integer', description: 'Retained commands that were handed to an agent.' }) commandsDispatched: number;
  @ApiProperty({ type: 'integer', description: 'Retained commands in SUCCEEDED.' }) commandsCompleted: number;
  @ApiProperty({ type: 'integer', description: 'Retained commands in FAILED.' }) commandsFailed: number;
  @ApiProperty({ type: 'integer', description: 'Retained ACTION_PREPARE commands.' }) actionPrepareRequested: number;
  @ApiProperty({ type: 'integer', description: 'Retained commands with errorCode ACTION_PREPARE_TIMEOUT.' }) actionPrepareTimeouts: number;
  @ApiProperty({ type: 'integer', description: 'Retained ACTION_PREPARE commands in FAILED.' }) actionPrepareFailures: number;
  @ApiProperty({ type: 'integer', description: 'Oversized command results rejected since the backend started (in memory).' }) oversizedCommandResultsRejected: number;
  @ApiProperty({ type: 'integer', description: 'ONLINE agents whose heartbeat is missing or older than the offline threshold.' }) staleOnlineAgents: number;
}

export class CommandDurationsDto {
  @ApiProperty({ type: 'integer' }) sampleSize: number;
  @ApiProperty({ type: 'integer', nullable: true }) p50Ms: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) p95Ms: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxMs: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) meanMs: number | null;
}

export class CommandErrorCountDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class AdminMetricsDto {
  @ApiProperty({ type: WorkspaceDto }) workspace: WorkspaceDto;
  @ApiProperty({ type: MetricsTotalsDto }) totals: MetricsTotalsDto;
  @ApiProperty({ type: MetricsByStatusDto }) byStatus: MetricsByStatusDto;
  @ApiProperty({ type: OperationalMetricsDto }) operational: OperationalMetricsDto;
  @ApiProperty({ type: CommandDurationsDto, description: 'Over the last 1,000 finished commands with start and end times; nearest-rank percentiles.' }) commandDurations: CommandDurationsDto;
  @ApiProperty({ type: [CommandErrorCountDto], description: 'Top 5 errorCode values among FAILED commands.' }) topCommandErrors: CommandErrorCountDto[];
}
