import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { BUS_ROUTE_STATUSES, type BusRouteStatus } from '../../../../../libs/contracts/src';
import type { ValidationIssue } from '../../http/api-error';
import { SERVICE_CODE } from '../../capsule-services/dto/reported-service.dto';
import { EVENT_TYPE } from '../domain/event-type-pattern';
import { ValidationIssueDto } from './bus-event.dto';

/** A sample event to try the routes against; nothing is stored or dispatched. */
export class RouteTestRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 120, pattern: EVENT_TYPE.source }) @IsString() @MinLength(1) @MaxLength(120) @Matches(EVENT_TYPE, { message: 'eventType is not a valid event type' }) eventType: string;
  @ApiProperty({ minLength: 1, maxLength: 80, pattern: SERVICE_CODE.source }) @IsString() @MinLength(1) @MaxLength(80) @Matches(SERVICE_CODE, { message: 'sourceServiceCode must match ^[a-z0-9][a-z0-9_-]*$' }) sourceServiceCode: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() payload?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() metadata?: Record<string, unknown>;
}

export class RouteTestOutcomeDto {
  @ApiProperty({ pattern: '^brt_' }) routeId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: BUS_ROUTE_STATUSES }) status: BusRouteStatus;
  @ApiProperty({ description: 'Event type, source and condition all match (DISABLED routes are tried too).' }) matched: boolean;
  @ApiPropertyOptional({ description: 'Why the route did not match.' }) reason?: string;
  @ApiPropertyOptional({ description: 'A matched route would dispatch (ENABLED) or record (DRY_RUN) without error.' }) wouldDispatch?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The command payload the mapping produces for this event.' }) payload?: Record<string, unknown>;
  @ApiPropertyOptional({ example: 'BUS_MAPPING_INVALID' }) errorCode?: string;
  @ApiPropertyOptional() errorMessage?: string;
  @ApiPropertyOptional({ type: [ValidationIssueDto] }) issues?: ValidationIssue[];
}
