import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { BusRouteStatus } from '../../../../libs/contracts/src';

/** An operator's rule: events of a type (optionally from one source) become one command on a target action. */
@Entity({ tableName: 'bus_routes' })
@Index({ properties: ['status', 'createdAt'] })
export class BusRoute {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 500, nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 16 })
  status: Opt<BusRouteStatus> = 'DISABLED';

  /** Exact event type, or a prefix ending in `*`. */
  @Property({ type: 'string', length: 120 })
  eventType: string;

  @Property({ type: 'string', length: 80, nullable: true })
  sourceServiceCode: string | null = null;

  @Property({ type: 'string', length: 80 })
  targetServiceCode: string;

  @Property({ type: 'string', length: 128 })
  actionName: string;

  /** Templates (`$event.payload.x`, …) and literals resolved into the command payload; empty = the event payload. */
  @Property({ type: 'json' })
  inputMapping: Opt<Record<string, unknown>> = {};

  /** A JSON Schema the event payload must satisfy for the route to match; null = always. */
  @Property({ type: 'json', nullable: true })
  condition: Record<string, unknown> | null = null;

  @Property({ type: 'json' })
  metadata: Opt<Record<string, unknown>> = {};

  @Property({ type: 'string', length: 40, nullable: true })
  createdByUserId: string | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType })
  updatedAt: Opt<Date> = new Date();
}
