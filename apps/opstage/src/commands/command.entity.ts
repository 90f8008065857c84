import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import type { CommandStatus, CommandType } from '../../../../libs/contracts/src';

/**
 * One instruction to one agent for one service. Agent and service are plain id columns (no foreign keys) so a
 * command's history outlives the service it targeted, and the hot claim/complete paths stay single-table updates.
 */
@Entity({ tableName: 'commands' })
@Index({ properties: ['agentId', 'status', 'createdAt'] })
@Index({ properties: ['serviceId', 'createdAt'] })
@Index({ properties: ['status', 'expiresAt'] })
@Index({ properties: ['createdAt'] })
export class Command {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Property({ type: 'string', length: 40 })
  agentId: string;

  @Property({ type: 'string', length: 40 })
  serviceId: string;

  @Property({ type: 'string', length: 16 })
  type: CommandType;

  @Property({ type: 'string', length: 128 })
  actionName: string;

  @Property({ type: 'string', length: 16 })
  status: Opt<CommandStatus> = 'PENDING';

  /** The payload with secret fields replaced by `[REDACTED]`. */
  @Property({ type: 'json' })
  payload: Opt<Record<string, unknown>> = {};

  /** The removed secret fields, AES-GCM sealed; cleared when the command ends. */
  @Property({ type: 'text', nullable: true })
  sealedSecrets: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  createdByUserId: string | null = null;

  @Property({ type: 'string', length: 80, nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  errorMessage: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  retryOfCommandId: string | null = null;

  /** The bus event that caused this command, and that event's depth (set by the bus). */
  @Property({ type: 'string', length: 40, nullable: true })
  causationEventId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  causationDepth: number | null = null;

  /** The bus chain this command belongs to (the event's correlation id); audit rows about it carry the same id. */
  @Property({ type: 'string', length: 200, nullable: true })
  correlationId: string | null = null;

  /** RUNNING timeout applied when the agent claims it (the action's timeoutSeconds, or the default TTL). */
  @Property({ type: 'integer' })
  runTimeoutSeconds: number;

  /** When a cancel of a RUNNING command was handed to the agent on a poll. */
  @Property({ type: DateTimeType, nullable: true })
  cancelSignalledAt: Date | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, nullable: true })
  startedAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  completedAt: Date | null = null;

  @Property({ type: DateTimeType, nullable: true })
  expiresAt: Date | null = null;
}
