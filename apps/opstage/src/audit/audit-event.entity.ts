import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { AuditActorType, AuditResult } from '../../../../libs/contracts/src';

@Entity({ tableName: 'audit_events' })
@Index({ properties: ['createdAt'] })
@Index({ properties: ['actorType', 'actorId'] })
@Index({ properties: ['targetType', 'targetId'] })
@Index({ properties: ['action', 'createdAt'] })
@Index({ properties: ['correlationId'] })
export class AuditEvent {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 16 })
  actorType: AuditActorType;

  @Property({ type: 'string', length: 40, nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 160 })
  action: string;

  @Property({ type: 'string', length: 120, nullable: true })
  targetType: string | null = null;

  @Property({ type: 'string', length: 160, nullable: true })
  targetId: string | null = null;

  @Property({ type: 'string', length: 16 })
  result: Opt<AuditResult> = 'SUCCESS';

  @Property({ type: 'text', nullable: true })
  message: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ipAddress: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'json' })
  metadata: Opt<Record<string, unknown>> = {};

  /** Links the rows of one bus chain: the event, the routing decisions, the commands and their results. */
  @Property({ type: 'string', length: 200, nullable: true })
  correlationId: string | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();
}
