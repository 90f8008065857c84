import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { AgentMode, AgentStatus } from '../../../../libs/contracts/src';

@Entity({ tableName: 'agents' })
// On status alone: with lastHeartbeatAt in it, every coalesced heartbeat write had to move the row's index entry too
// (~45% of the flush's cost at 10,000 agents; the offline sweep reads the ONLINE rows either way). ADR 0016.
@Index({ properties: ['status'] })
export class Agent {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Unique()
  @Property({ type: 'string', length: 120 })
  code: string;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  @Property({ type: 'string', length: 16 })
  mode: Opt<AgentMode> = 'embedded';

  @Property({ type: 'string', length: 40, nullable: true })
  runtime: string | null = null;

  @Property({ type: 'string', length: 16 })
  status: Opt<AgentStatus> = 'PENDING';

  @Property({ type: DateTimeType, nullable: true })
  lastHeartbeatAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  disabledAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  revokedAt: Date | null = null;

  /** Set by an operator's re-enrol: the next registration with this code may revive a DISABLED/REVOKED agent. */
  @Property({ type: 'boolean' })
  reenrolAllowed: Opt<boolean> = false;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
