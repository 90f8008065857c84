import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';

@Entity({ tableName: 'command_results' })
@Index({ properties: ['agentId', 'reportedAt'] })
export class CommandResult {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Unique()
  @Property({ type: 'string', length: 40 })
  commandId: string;

  @Property({ type: 'string', length: 40 })
  agentId: string;

  @Property({ type: 'boolean' })
  success: boolean;

  @Property({ type: 'text', nullable: true })
  message: string | null = null;

  @Property({ type: 'json' })
  data: Opt<Record<string, unknown>> = {};

  @Property({ type: 'json' })
  error: Opt<Record<string, unknown>> = {};

  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: DateTimeType })
  reportedAt: Opt<Date> = new Date();
}
