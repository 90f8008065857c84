import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { AgentTokenStatus } from '../../../../libs/contracts/src';
import { Agent } from './agent.entity';

@Entity({ tableName: 'agent_tokens' })
@Index({ properties: ['agent', 'status'] })
export class AgentToken {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @ManyToOne(() => Agent, { deleteRule: 'cascade' })
  agent: Agent;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash: string;

  @Property({ type: 'string', length: 16 })
  status: Opt<AgentTokenStatus> = 'ACTIVE';

  @Property({ type: DateTimeType, nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();
}
