import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { SERVICE_CODE } from '../../capsule-services/dto/reported-service.dto';
import { EVENT_TYPE } from '../domain/event-type-pattern';

export class RoutePolicyDto {
  @ApiPropertyOptional({ description: 'Every matched route only records what it would dispatch.' }) @IsOptional() @IsBoolean() dryRun?: boolean;
}

/** The event envelope an agent publishes (PRODUCT.md §6). */
export class PublishBusEventDto {
  @ApiProperty({ minLength: 1, maxLength: 120, pattern: EVENT_TYPE.source, example: 'order.created' })
  @IsString() @MinLength(1) @MaxLength(120) @Matches(EVENT_TYPE, { message: 'eventType may contain letters, digits, _ . : - and must start with a letter or digit' })
  eventType: string;

  @ApiProperty({ minLength: 1, maxLength: 80, pattern: SERVICE_CODE.source, description: 'A service the calling agent reported.' })
  @IsString() @MinLength(1) @MaxLength(80) @Matches(SERVICE_CODE, { message: 'sourceServiceCode must match ^[a-z0-9][a-z0-9_-]*$' })
  sourceServiceCode: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Checked against the payload schema the source declares for this event type, if any; stored redacted.' })
  @IsOptional() @IsObject()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Stored redacted; readable by mappings as $event.metadata.' })
  @IsOptional() @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Idempotency key: a repeat from the same agent is accepted once and answered with the first outcome.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  eventId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Defaults to the causing event\'s correlation id, or to this event\'s id for a root event.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  correlationId?: string;

  @ApiPropertyOptional({ pattern: '^bev_', description: 'The stored event that caused this one; the depth guard walks it (filled in by the SDK inside a bus-created command).' })
  @IsOptional() @IsString() @Matches(/^bev_[A-Za-z0-9_-]{1,64}$/, { message: 'causationId must be a bev_ event id' })
  causationId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to the accept time.' })
  @IsOptional() @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({ type: RoutePolicyDto })
  @IsOptional() @ValidateNested() @Type(() => RoutePolicyDto)
  routePolicy?: RoutePolicyDto;
}
