import { ApiProperty } from '@nestjs/swagger';
import { COMMAND_STATUSES, COMMAND_TYPES, type CommandStatus, type CommandType } from '../../../../../libs/contracts/src';
import type { Command } from '../command.entity';
import type { CommandResult } from '../command-result.entity';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export class CommandDto {
  @ApiProperty({ pattern: '^cmd_' }) id: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty({ pattern: '^svc_' }) serviceId: string;
  @ApiProperty({ enum: COMMAND_TYPES }) type: CommandType;
  @ApiProperty() actionName: string;
  @ApiProperty({ enum: COMMAND_STATUSES }) status: CommandStatus;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Secret fields are `[REDACTED]` (raw only in the agent poll).' })
  payload: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, pattern: '^usr_' }) createdByUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) errorCode: string | null;
  @ApiProperty({ type: String, nullable: true }) errorMessage: string | null;
  @ApiProperty({ type: String, nullable: true, pattern: '^cmd_', description: 'The command this one retries.' }) retryOfCommandId: string | null;
  @ApiProperty({ type: String, nullable: true, pattern: '^bev_', description: 'The Capsule Bus event that caused this command (bus-created commands only).' }) causationEventId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The Capsule Bus chain this command belongs to; events published while handling it should carry it on.' }) correlationId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'completedAt − startedAt in ms, when both are set.' }) durationMs: number | null;

  /** `payload` defaults to the stored (redacted) payload; the agent poll passes the unsealed one. */
  static from(command: Command, payload: Record<string, unknown> = command.payload): CommandDto {
    const duration = command.startedAt && command.completedAt ? Math.max(0, command.completedAt.getTime() - command.startedAt.getTime()) : null;
    return {
      id: command.id,
      agentId: command.agentId,
      serviceId: command.serviceId,
      type: command.type,
      actionName: command.actionName,
      status: command.status,
      payload,
      createdByUserId: command.createdByUserId,
      errorCode: command.errorCode,
      errorMessage: command.errorMessage,
      retryOfCommandId: command.retryOfCommandId,
      causationEventId: command.causationEventId,
      correlationId: command.correlationId,
      createdAt: command.createdAt.toISOString(),
      updatedAt: command.updatedAt.toISOString(),
      startedAt: iso(command.startedAt),
      completedAt: iso(command.completedAt),
      expiresAt: iso(command.expiresAt),
      durationMs: duration,
    };
  }
}

export class CommandResultDto {
  @ApiProperty({ pattern: '^crs_' }) id: string;
  @ApiProperty({ pattern: '^cmd_' }) commandId: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty() success: boolean;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) error: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(result: CommandResult, data: Record<string, unknown> = result.data): CommandResultDto {
    return {
      id: result.id,
      commandId: result.commandId,
      agentId: result.agentId,
      success: result.success,
      message: result.message,
      data,
      error: result.error,
      reportedAt: result.reportedAt.toISOString(),
      createdAt: result.reportedAt.toISOString(),
    };
  }
}

export class CommandDetailDto extends CommandDto {
  @ApiProperty({ type: CommandResultDto, nullable: true }) result: CommandResultDto | null;
}

/** A poll response; `cancelledCommandIds` sits next to `data` in the envelope. */
export class AgentCommandPoll {
  constructor(
    readonly commands: CommandDto[],
    readonly cancelledCommandIds: string[],
  ) {}
}
