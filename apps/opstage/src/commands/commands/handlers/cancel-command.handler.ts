import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../../../audit/audit-recorder';
import { ApiError } from '../../../http/api-error';
import { Command } from '../../command.entity';
import { OperationalCounters } from '../../../metrics/operational-counters';
import { CommandDto } from '../../dto/command.dto';
import { CommandCancelledEvent } from '../../events/impl/command-cancelled.event';
import { CancelCommandCommand } from '../impl/cancel-command.command';

/** PENDING or RUNNING → CANCELLED by a conditional update; a cancelled RUNNING command is signalled to its agent. */
@CommandHandler(CancelCommandCommand)
export class CancelCommandHandler implements ICommandHandler<CancelCommandCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
    private readonly counters: OperationalCounters,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ userId, commandId }: CancelCommandCommand): Promise<CommandDto> {
    const em = this.em.fork();
    const { agentId, wasRunning, causationEventId } = await em.transactional(async (tx) => {
      const command = await tx.findOne(Command, { id: commandId }, { disableIdentityMap: true });
      if (!command) throw new ApiError('COMMAND_NOT_FOUND', 'Command not found.');
      const alreadyDone = () => new ApiError('COMMAND_ALREADY_COMPLETED', `Command is already ${command.status}.`, { status: command.status });
      if (command.status !== 'PENDING' && command.status !== 'RUNNING') throw alreadyDone();
      const now = new Date();
      const changed = await tx.nativeUpdate(
        Command,
        { id: commandId, status: command.status },
        { status: 'CANCELLED', completedAt: now, updatedAt: now, sealedSecrets: null },
      );
      if (changed !== 1) throw alreadyDone();
      this.audit.record(tx, { actorType: 'USER', actorId: userId, action: 'command.cancelled', targetType: 'Command', targetId: commandId, metadata: { previousStatus: command.status }, correlationId: command.correlationId }, now);
      return { agentId: command.agentId, wasRunning: command.status === 'RUNNING', causationEventId: command.causationEventId };
    });
    this.counters.commandCancelled();
    this.eventBus.publish(new CommandCancelledEvent(commandId, agentId, wasRunning, causationEventId));
    return CommandDto.from(await this.em.fork().findOneOrFail(Command, { id: commandId }));
  }
}
