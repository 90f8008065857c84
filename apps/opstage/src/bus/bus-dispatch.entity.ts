import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { BusDispatchStatus, CommandStatus } from '../../../../libs/contracts/src';
import type { ValidationIssue } from '../http/api-error';

/**
 * One matched route's outcome for one event. FAILED, non-dry-run dispatches form the dead-letter list; a replay turns
 * one into REPLAYED with the command it created. The route's name and target are copied so history survives edits.
 */
@Entity({ tableName: 'bus_dispatches' })
@Index({ properties: ['eventId'] })
@Index({ properties: ['routeId', 'status'] })
@Index({ properties: ['status', 'dryRun', 'createdAt'] })
@Index({ properties: ['commandId'] })
export class BusDispatch {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 40 })
  eventId: string;

  @Property({ type: 'string', length: 40 })
  routeId: string;

  @Property({ type: 'string', length: 100 })
  routeName: string;

  @Property({ type: 'string', length: 80 })
  targetServiceCode: string;

  @Property({ type: 'string', length: 128 })
  actionName: string;

  @Property({ type: 'boolean' })
  dryRun: boolean;

  @Property({ type: 'string', length: 16 })
  status: BusDispatchStatus;

  /** The payload dispatched (or, for a dry run, that would have been), redacted. */
  @Property({ type: 'json', nullable: true })
  payload: Record<string, unknown> | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  commandId: string | null = null;

  /** The command's terminal status, recorded by the outcome saga. */
  @Property({ type: 'string', length: 16, nullable: true })
  commandStatus: CommandStatus | null = null;

  @Property({ type: 'string', length: 80, nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  errorMessage: string | null = null;

  @Property({ type: 'json', nullable: true })
  issues: ValidationIssue[] | null = null;

  /** Dispatch attempts: 1 at ingest, +1 per replay. */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 1;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, nullable: true })
  replayedAt: Date | null = null;
}
