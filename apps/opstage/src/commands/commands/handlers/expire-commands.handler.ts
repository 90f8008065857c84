import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder, SYSTEM_ACTOR } from '../../../audit/audit-recorder';
import { Command } from '../../command.entity';
import { OperationalCounters } from '../../../metrics/operational-counters';
import { CommandFinishedEvent } from '../../events/impl/command-finished.event';
import { ExpireCommandsCommand } from '../impl/expire-commands.command';

const BATCH = 500;
const OPEN = ['PENDING', 'RUNNING'] as const;

/**
 * PENDING/RUNNING commands past `expiresAt` become EXPIRED (COMMAND_EXPIRED), their sealed secrets dropped, with one
 * `system.command.expired {count}` audit row per batch. Called by the maintenance job and before every agent poll.
 */
@CommandHandler(ExpireCommandsCommand)
export class ExpireCommandsHandler implements ICommandHandler<ExpireCommandsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
    private readonly counters: OperationalCounters,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ now, agentId }: ExpireCommandsCommand): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.expireBatch(now, agentId);
      total += batch.length;
      for (const row of batch) this.eventBus.publish(new CommandFinishedEvent(row.id, row.agentId, 'EXPIRED', row.causationEventId));
      if (batch.length < BATCH) break;
    }
    this.counters.commandsExpired(total);
    return total;
  }

  private async expireBatch(now: Date, agentId: string | undefined): Promise<Array<Pick<Command, 'id' | 'agentId' | 'causationEventId'>>> {
    const em = this.em.fork();
    const where = { status: { $in: [...OPEN] }, expiresAt: { $lt: now }, ...(agentId ? { agentId } : {}) };
    const candidates = await em.find(Command, where, { fields: ['id', 'agentId', 'causationEventId'], limit: BATCH, orderBy: { expiresAt: 'asc' }, disableIdentityMap: true });
    if (!candidates.length) return [];
    return em.transactional(async (tx) => {
      const ids = candidates.map((c) => c.id);
      const count = await tx.nativeUpdate(
        Command,
        { id: { $in: ids }, status: { $in: [...OPEN] }, expiresAt: { $lt: now } },
        { status: 'EXPIRED', completedAt: now, updatedAt: now, errorCode: 'COMMAND_EXPIRED', errorMessage: 'Command expired before completion.', sealedSecrets: null },
      );
      if (count === 0) return [];
      const expired = count === ids.length ? candidates : await tx.find(Command, { id: { $in: ids }, status: 'EXPIRED', completedAt: now }, { fields: ['id', 'agentId', 'causationEventId'], disableIdentityMap: true });
      this.audit.record(tx, { ...SYSTEM_ACTOR, action: 'system.command.expired', targetType: 'Workspace', targetId: 'wks_default', metadata: { count, ...(agentId ? { agentId } : {}) } }, now);
      return expired.map((c) => ({ id: c.id, agentId: c.agentId, causationEventId: c.causationEventId }));
    });
  }
}
