import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUS_DISPATCH_STATUSES, BUS_EXPERIMENTAL_MARKER, COMMAND_STATUSES, type BusDispatchStatus, type CommandStatus } from '../../../../../libs/contracts/src';
import type { ValidationIssue } from '../../http/api-error';
import type { BusDispatch } from '../bus-dispatch.entity';
import type { BusEvent, RoutedCommandOutcome } from '../bus-event.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export class ValidationIssueDto {
  @ApiProperty() path: string;
  @ApiProperty() message: string;
}

/** One matched route's outcome, as the ingest answers it. */
export class RoutedCommandDto {
  @ApiProperty({ pattern: '^brt_' }) routeId: string;
  @ApiProperty({ pattern: '^bdp_' }) dispatchId: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty() targetServiceCode: string;
  @ApiProperty() actionName: string;
  @ApiProperty({ enum: BUS_DISPATCH_STATUSES }) status: BusDispatchStatus;
  @ApiPropertyOptional({ pattern: '^cmd_' }) commandId?: string;
  @ApiPropertyOptional({ example: 'BUS_TARGET_UNAVAILABLE' }) errorCode?: string;
  @ApiPropertyOptional() errorMessage?: string;

  static from(outcome: RoutedCommandOutcome): RoutedCommandDto {
    return { ...outcome };
  }
}

export class PublishBusEventResultDto {
  @ApiProperty({ pattern: '^bev_' }) eventId: string;
  @ApiProperty({ enum: [BUS_EXPERIMENTAL_MARKER] }) experimental: string;
  @ApiProperty({ description: 'True when this eventId was already accepted: the first outcome is returned and nothing is processed again.' }) duplicate: boolean;
  @ApiProperty() correlationId: string;
  @ApiProperty({ description: 'Hops from the root event (0 for a root event).' }) depth: number;
  @ApiProperty({ type: [RoutedCommandDto] }) routedCommands: RoutedCommandDto[];

  static from(event: BusEvent, duplicate: boolean): PublishBusEventResultDto {
    return { eventId: event.id, experimental: BUS_EXPERIMENTAL_MARKER, duplicate, correlationId: event.correlationId, depth: event.depth, routedCommands: event.outcome.map(RoutedCommandDto.from) };
  }
}

/** A dispatch as the admin API shows it (events list, dead letters). */
export class BusDispatchDto {
  @ApiProperty({ pattern: '^bdp_' }) id: string;
  @ApiProperty({ pattern: '^bev_' }) eventId: string;
  @ApiProperty({ pattern: '^brt_' }) routeId: string;
  @ApiProperty() routeName: string;
  @ApiProperty() targetServiceCode: string;
  @ApiProperty() actionName: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: BUS_DISPATCH_STATUSES }) status: BusDispatchStatus;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The mapped payload (redacted): dispatched, or for a dry run the one that would have been.' })
  payload: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, pattern: '^cmd_' }) commandId: string | null;
  @ApiProperty({ type: String, nullable: true, enum: [...COMMAND_STATUSES, null], description: 'The command\'s terminal status once it ends.' }) commandStatus: CommandStatus | null;
  @ApiProperty({ type: String, nullable: true }) errorCode: string | null;
  @ApiProperty({ type: String, nullable: true }) errorMessage: string | null;
  @ApiProperty({ type: [ValidationIssueDto], nullable: true }) issues: ValidationIssue[] | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) replayedAt: string | null;

  static from(d: BusDispatch): BusDispatchDto {
    return {
      id: d.id,
      eventId: d.eventId,
      routeId: d.routeId,
      routeName: d.routeName,
      targetServiceCode: d.targetServiceCode,
      actionName: d.actionName,
      dryRun: d.dryRun,
      status: d.status,
      payload: d.payload,
      commandId: d.commandId,
      commandStatus: d.commandStatus,
      errorCode: d.errorCode,
      errorMessage: d.errorMessage,
      issues: d.issues,
      attempts: d.attempts,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
      replayedAt: iso(d.replayedAt),
    };
  }
}

export class BusEventDto {
  @ApiProperty({ pattern: '^bev_' }) id: string;
  @ApiProperty({ pattern: '^agt_' }) agentId: string;
  @ApiProperty({ pattern: '^svc_' }) sourceServiceId: string;
  @ApiProperty() sourceServiceCode: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ type: String, nullable: true, description: 'The publisher\'s idempotency key.' }) clientEventId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Redacted.' }) payload: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Redacted.' }) metadata: Record<string, unknown>;
  @ApiProperty() correlationId: string;
  @ApiProperty({ type: String, nullable: true, pattern: '^bev_' }) causationId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ format: 'date-time' }) acceptedAt: string;
  @ApiProperty() routeCount: number;
  @ApiProperty({ type: [BusDispatchDto], description: 'Every matched route\'s outcome, with the command it produced.' }) dispatches: BusDispatchDto[];
  @ApiProperty({ enum: [BUS_EXPERIMENTAL_MARKER] }) experimental: string;

  static from(event: BusEvent, dispatches: BusDispatch[]): BusEventDto {
    return {
      id: event.id,
      agentId: event.agentId,
      sourceServiceId: event.sourceServiceId,
      sourceServiceCode: event.sourceServiceCode,
      eventType: event.eventType,
      clientEventId: event.clientEventId,
      payload: event.payload,
      metadata: event.metadata,
      correlationId: event.correlationId,
      causationId: event.causationId,
      depth: event.depth,
      dryRun: event.dryRun,
      occurredAt: event.occurredAt.toISOString(),
      acceptedAt: event.acceptedAt.toISOString(),
      routeCount: event.routeCount,
      dispatches: dispatches.map(BusDispatchDto.from),
      experimental: BUS_EXPERIMENTAL_MARKER,
    };
  }
}
