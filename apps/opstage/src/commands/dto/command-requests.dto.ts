import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { COMMAND_STATUSES, COMMAND_TYPES, type CommandStatus, type CommandType } from '../../../../../libs/contracts/src';
import { PageQueryDto } from '../../http/page-query.dto';
import { EnumFilter, EnumListFilter, first, IdFilter, TextFilter } from '../../http/query-transforms';

export class CreateActionCommandDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Validated against the action inputSchema.' })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Must be true for actions with requiresConfirmation or dangerLevel HIGH.' })
  @IsOptional()
  @IsBoolean()
  confirmation?: boolean;
}

export class RetryCommandDto {
  @ApiPropertyOptional({ description: 'Must be true when the action requires confirmation (the original confirmation does not carry over).' })
  @IsOptional()
  @IsBoolean()
  confirmation?: boolean;
}

export class ReportCommandResultDto {
  @ApiProperty() @IsBoolean() success: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100_000) message?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'SHOULD hold at least `{ code, message }`.' })
  @IsOptional()
  @IsObject()
  error?: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() startedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString() finishedAt?: string;
}

/** limit: like the original, anything not a positive number (or above 10) becomes 10. */
function clampLimit({ value }: { value: unknown }): number {
  const n = Number(first(value));
  if (!Number.isFinite(n) || n <= 0) return 10;
  return Math.min(10, Math.max(1, Math.floor(n)));
}

function toIntOrRaw({ value }: { value: unknown }): unknown {
  const v = first(value);
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
}

export class PollCommandsQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, default: 10, description: 'Invalid values are clamped to 1..10.' })
  @Transform(clampLimit)
  @IsOptional()
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 30, default: 0, description: 'Long-poll: hold the request up to this many seconds until a command is queued.' })
  @Transform(toIntOrRaw)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  waitSeconds?: number;
}

export class ListCommandsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMMAND_STATUSES, isArray: true, description: 'Repeat or comma-separate for several.' })
  @EnumListFilter(COMMAND_STATUSES)
  status?: CommandStatus[];

  @ApiPropertyOptional({ enum: COMMAND_TYPES }) @EnumFilter(COMMAND_TYPES) type?: CommandType;
  @ApiPropertyOptional({ minLength: 1, maxLength: 128 }) @TextFilter(128) actionName?: string;
  @ApiPropertyOptional({ pattern: '^agt_' }) @IdFilter('agt') agentId?: string;
  @ApiPropertyOptional({ pattern: '^svc_' }) @IdFilter('svc') serviceId?: string;
}
