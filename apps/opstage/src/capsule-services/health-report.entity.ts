import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { HealthStatus } from '../../../../libs/contracts/src';
import { CapsuleService } from './capsule-service.entity';

@Entity({ tableName: 'health_reports' })
@Index({ properties: ['service', 'reportedAt'] })
@Index({ properties: ['reportedAt'] })
export class HealthReport {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @ManyToOne(() => CapsuleService, { deleteRule: 'cascade' })
  service: CapsuleService;

  @Property({ type: 'string', length: 40 })
  agentId: string;

  @Property({ type: 'string', length: 16 })
  status: HealthStatus;

  @Property({ type: 'text', nullable: true })
  message: string | null = null;

  @Property({ type: 'json' })
  details: Opt<Record<string, unknown>> = {};

  @Property({ type: DateTimeType })
  reportedAt: Opt<Date> = new Date();
}
