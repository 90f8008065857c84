import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import { User } from '../users/user.entity';

/** A persisted admin session. Only the HMAC of the cookie value is stored; the CSRF token is derived, never stored. */
@Entity({ tableName: 'sessions' })
export class Session {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Unique()
  @Property({ type: 'string', length: 64 })
  tokenHash: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  /** Random nonce mixed into the derived CSRF token; rotating it rotates the token. */
  @Property({ type: 'string', length: 64 })
  csrfNonce: string;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType })
  lastSeenAt: Opt<Date> = new Date();

  @Index()
  @Property({ type: DateTimeType })
  expiresAt: Date;

  @Property({ type: DateTimeType, nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ipAddress: string | null = null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;
}
