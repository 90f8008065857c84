import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { BUS_EXPERIMENTAL_MARKER, BUS_ROUTE_STATUSES, type BusRouteStatus } from '../../../../../libs/contracts/src';
import { SERVICE_CODE } from '../../capsule-services/dto/reported-service.dto';
import type { BusRoute } from '../bus-route.entity';
import { EVENT_TYPE_PATTERN } from '../domain/event-type-pattern';

/** Create and full replacement (PUT) of a route. Target service and action are checked when it is saved. */
export class BusRouteBodyDto {
  @ApiProperty({ minLength: 1, maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ enum: BUS_ROUTE_STATUSES, default: 'DISABLED', description: 'Start with DRY_RUN, check the events page, then ENABLED.' })
  @IsOptional() @IsIn(BUS_ROUTE_STATUSES)
  status?: BusRouteStatus;

  @ApiProperty({ minLength: 1, maxLength: 120, pattern: EVENT_TYPE_PATTERN.source, description: 'Exact event type, a prefix ending in `*`, or `*`.', example: 'order.created' })
  @IsString() @MinLength(1) @MaxLength(120) @Matches(EVENT_TYPE_PATTERN, { message: 'eventType must be an event type, a prefix ending in *, or *' })
  eventType: string;

  @ApiPropertyOptional({ maxLength: 80, pattern: SERVICE_CODE.source, description: 'Only events from this service; any source when absent.' })
  @IsOptional() @IsString() @MaxLength(80) @Matches(SERVICE_CODE, { message: 'sourceServiceCode must match ^[a-z0-9][a-z0-9_-]*$' })
  sourceServiceCode?: string;

  @ApiProperty({ minLength: 1, maxLength: 80, pattern: SERVICE_CODE.source })
  @IsString() @MinLength(1) @MaxLength(80) @Matches(SERVICE_CODE, { message: 'targetServiceCode must match ^[a-z0-9][a-z0-9_-]*$' })
  targetServiceCode: string;

  @ApiProperty({ minLength: 1, maxLength: 128 }) @IsString() @MinLength(1) @MaxLength(128) actionName: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The command payload: `$event.payload.<path>`, `$event.metadata.<path>`, `$event.sourceServiceCode`, `$event.eventType`, `$event.id`, `$event.correlationId`, `$event.occurredAt` are templates, `$$…` a literal `$…`, anything else a literal. Empty: the event payload unchanged.',
    example: { orderId: '$event.payload.orderId', source: '$event.sourceServiceCode', priority: 'normal' },
  })
  @IsOptional() @IsObject()
  inputMapping?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'A JSON Schema the event payload must satisfy for the route to match.', example: { properties: { total: { minimum: 100 } }, required: ['total'] } })
  @IsOptional() @IsObject()
  condition?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() metadata?: Record<string, unknown>;
}

export class BusRouteMatchDto {
  @ApiProperty() eventType: string;
  @ApiProperty({ type: String, nullable: true }) sourceServiceCode: string | null;
}

export class BusRouteTargetDto {
  @ApiProperty() serviceCode: string;
  @ApiProperty() actionName: string;
}

export class BusRouteDto {
  @ApiProperty({ pattern: '^brt_' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: BUS_ROUTE_STATUSES }) status: BusRouteStatus;
  @ApiProperty({ type: BusRouteMatchDto }) match: BusRouteMatchDto;
  @ApiProperty({ type: BusRouteTargetDto }) target: BusRouteTargetDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) inputMapping: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) condition: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, pattern: '^usr_' }) createdByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ enum: [BUS_EXPERIMENTAL_MARKER] }) experimental: string;

  static from(route: BusRoute): BusRouteDto {
    return {
      id: route.id,
      name: route.name,
      description: route.description,
      status: route.status,
      match: { eventType: route.eventType, sourceServiceCode: route.sourceServiceCode },
      target: { serviceCode: route.targetServiceCode, actionName: route.actionName },
      inputMapping: route.inputMapping,
      condition: route.condition,
      metadata: route.metadata,
      createdByUserId: route.createdByUserId,
      createdAt: route.createdAt.toISOString(),
      updatedAt: route.updatedAt.toISOString(),
      experimental: BUS_EXPERIMENTAL_MARKER,
    };
  }
}
