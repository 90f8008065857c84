import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { RegistrationTokenStatus } from '../../../../libs/contracts/src';

@Entity({ tableName: 'registration_tokens' })
@Index({ properties: ['status', 'createdAt'] })
export class RegistrationToken {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 200 })
  name: string;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash: string;

  @Property({ type: 'string', length: 16 })
  status: Opt<RegistrationTokenStatus> = 'ACTIVE';

  @Property({ type: 'string', length: 40, nullable: true })
  agentId: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  createdByUserId: string | null = null;

  @Property({ type: DateTimeType, nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  usedAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
