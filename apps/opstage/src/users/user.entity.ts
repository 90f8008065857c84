import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { UserRole, UserStatus } from '../../../../libs/contracts/src';

@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Unique()
  @Property({ type: 'string', length: 320 })
  username: string;

  @Property({ type: 'string', length: 255 })
  passwordHash: string;

  @Property({ type: 'string', length: 200, nullable: true })
  displayName: string | null = null;

  @Index()
  @Property({ type: 'string', length: 16 })
  role: UserRole;

  @Property({ type: 'string', length: 16 })
  status: Opt<UserStatus> = 'ACTIVE';

  @Property({ type: DateTimeType, nullable: true })
  lastLoginAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  passwordChangedAt: Date | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
