import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { BusDispatchStatus } from '../../../../libs/contracts/src';

/** What the ingest answered for one matched route; kept on the event so a repeated `eventId` gets the same answer. */
export interface RoutedCommandOutcome {
  routeId: string;
  dispatchId: string;
  dryRun: boolean;
  targetServiceCode: string;
  actionName: string;
  status: BusDispatchStatus;
  commandId?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** One accepted bus event. Payload and metadata are stored redacted; rejected events are never stored. */
@Entity({ tableName: 'bus_events' })
@Index({ properties: ['agentId', 'acceptedAt'] })
@Index({ properties: ['acceptedAt'] })
@Index({ properties: ['eventType', 'sourceServiceCode'] })
@Index({ properties: ['correlationId'] })
@Unique({ properties: ['agentId', 'clientEventId'] })
export class BusEvent {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 40 })
  agentId: string;

  @Property({ type: 'string', length: 40 })
  sourceServiceId: string;

  @Property({ type: 'string', length: 80 })
  sourceServiceCode: string;

  @Property({ type: 'string', length: 120 })
  eventType: string;

  /** The publisher's own `eventId` (idempotency key), unique per agent. */
  @Property({ type: 'string', length: 200, nullable: true })
  clientEventId: string | null = null;

  @Property({ type: 'json' })
  payload: Opt<Record<string, unknown>> = {};

  @Property({ type: 'json' })
  metadata: Opt<Record<string, unknown>> = {};

  /** The raw payload, AES-GCM sealed, kept only while one of its dispatches waits in the dead-letter list. */
  @Property({ type: 'text', nullable: true })
  sealedPayload: string | null = null;

  /** Given by the publisher or, for a root event, the event's own id; bus-created commands carry it on. */
  @Property({ type: 'string', length: 200 })
  correlationId: string;

  @Property({ type: 'string', length: 40, nullable: true })
  causationId: string | null = null;

  /** 0 for a root event, the causing event's depth + 1 otherwise (computed here, never taken from the publisher). */
  @Property({ type: 'integer' })
  depth: Opt<number> = 0;

  /** `routePolicy.dryRun`: every matched route of this event only records what it would dispatch. */
  @Property({ type: 'boolean' })
  dryRun: Opt<boolean> = false;

  @Property({ type: DateTimeType })
  occurredAt: Date;

  @Property({ type: DateTimeType })
  acceptedAt: Date;

  @Property({ type: 'integer' })
  routeCount: Opt<number> = 0;

  @Property({ type: 'json' })
  outcome: Opt<RoutedCommandOutcome[]> = [];
}
