import { ApiProperty } from '@nestjs/swagger';
import { BUS_ROUTE_STATUSES, type BusRouteStatus } from '../../../../../libs/contracts/src';

export class BusRouteDiagnosticsDto {
  @ApiProperty({ pattern: '^brt_' }) routeId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: BUS_ROUTE_STATUSES }) status: BusRouteStatus;
  @ApiProperty({ description: 'Events this route matched.' }) matched: number;
  @ApiProperty({ description: 'Commands it created (at ingest or by a replay).' }) dispatched: number;
  @ApiProperty() dryRun: number;
  @ApiProperty({ description: 'Matches it could not dispatch, dry runs included.' }) failed: number;
  @ApiProperty({ description: 'Failed dispatches waiting for a replay.' }) deadLettered: number;
  @ApiProperty({ description: 'Dispatched commands that ended SUCCEEDED.' }) commandsSucceeded: number;
  @ApiProperty({ description: 'Dispatched commands that ended FAILED, EXPIRED or CANCELLED.' }) commandsFailed: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastEventAt: string | null;
}

export class BusRejectionDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty({ example: 'BUS_RATE_LIMITED' }) code: string;
  @ApiProperty() eventType: string;
  @ApiProperty() sourceServiceCode: string;
}

export class BusRejectionCountsDto {
  @ApiProperty() rateLimited: number;
  @ApiProperty() depthExceeded: number;
  @ApiProperty({ description: 'Payloads refused by the source\'s declared event schema.' }) payloadInvalid: number;
}

export class BusDiagnosticsDto {
  @ApiProperty() enabled: boolean;
  @ApiProperty() ingestPerMinute: number;
  @ApiProperty() maxDepth: number;
  @ApiProperty() events: number;
  @ApiProperty() deadLetters: number;
  @ApiProperty({ type: [BusRouteDiagnosticsDto] }) routes: BusRouteDiagnosticsDto[];
  @ApiProperty({ type: BusRejectionCountsDto, description: 'Rejected events since the server started.' }) rejections: BusRejectionCountsDto;
  @ApiProperty({ type: [BusRejectionDto], description: 'The latest rejections, newest first (in memory, at most 50).' }) recentRejections: BusRejectionDto[];
  @ApiProperty({ type: String, nullable: true }) experimental: string;
}
