import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { HealthStatus, ServiceStatus } from '../../../../libs/contracts/src';
import { Agent } from '../agents/agent.entity';

@Entity({ tableName: 'capsule_services' })
@Index({ properties: ['status'] })
@Index({ properties: ['createdAt'] })
export class CapsuleService {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @ManyToOne(() => Agent)
  agent: Agent;

  @Unique()
  @Property({ type: 'string', length: 80 })
  code: string;

  @Property({ type: 'string', length: 200 })
  name: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 80, nullable: true })
  version: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  runtime: string | null = null;

  /** Stored status, derived from the last health report; the effective status is computed at read time. */
  @Property({ type: 'string', length: 16 })
  status: Opt<ServiceStatus> = 'UNKNOWN';

  @Property({ type: 'string', length: 16 })
  healthStatus: Opt<HealthStatus> = 'UNKNOWN';

  @Property({ type: 'json' })
  manifest: Opt<Record<string, unknown>> = {};

  /** SHA-256 of the reported catalogue (manifest, configs, actions): a report that changes nothing writes nothing. */
  @Property({ type: 'string', length: 64, nullable: true })
  reportHash: string | null = null;

  @Property({ type: DateTimeType, nullable: true })
  lastReportedAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  lastHealthAt: Date | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
