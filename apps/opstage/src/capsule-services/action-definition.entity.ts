import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { DangerLevel } from '../../../../libs/contracts/src';
import { CapsuleService } from './capsule-service.entity';

@Entity({ tableName: 'action_definitions' })
@Unique({ properties: ['service', 'name'] })
export class ActionDefinition {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @ManyToOne(() => CapsuleService, { deleteRule: 'cascade' })
  service: CapsuleService;

  @Property({ type: 'string', length: 128 })
  name: string;

  @Property({ type: 'string', length: 200 })
  label: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'string', length: 16 })
  dangerLevel: Opt<DangerLevel> = 'LOW';

  @Property({ type: 'boolean' })
  requiresConfirmation: Opt<boolean> = false;

  @Property({ type: 'json' })
  inputSchema: Opt<Record<string, unknown>> = {};

  @Property({ type: 'integer', nullable: true })
  timeoutSeconds: number | null = null;

  @Property({ type: 'string', length: 80, nullable: true })
  category: string | null = null;

  @Property({ type: 'integer', nullable: true, fieldName: 'sort_order' })
  order: number | null = null;

  @Property({ type: 'boolean' })
  enabled: Opt<boolean> = true;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
