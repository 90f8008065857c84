import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../../../audit/audit-recorder';
import { ApiError } from '../../../http/api-error';
import { Command } from '../../command.entity';
import { ActionCommandFactory } from '../../domain/action-command-factory';
import { containsRedactedValues } from '../../domain/payload-secrets';
import { CommandDto } from '../../dto/command.dto';
import { CommandQueuedEvent } from '../../events/impl/command-queued.event';
import { RetryCommandCommand } from '../impl/retry-command.command';

const RETRYABLE = new Set(['FAILED', 'EXPIRED', 'CANCELLED']);

/** A new ACTION_EXECUTE command with the same payload, through the same checks as a fresh execute. */
@CommandHandler(RetryCommandCommand)
export class RetryCommandHandler implements ICommandHandler<RetryCommandCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly factory: ActionCommandFactory,
    private readonly audit: AuditRecorder,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ userId, commandId, confirmation }: RetryCommandCommand): Promise<CommandDto> {
    const command = await this.em.fork().transactional(async (tx) => {
      const source = await tx.findOne(Command, { id: commandId });
      if (!source) throw new ApiError('COMMAND_NOT_FOUND', 'Command not found.');
      if (source.type !== 'ACTION_EXECUTE' || !RETRYABLE.has(source.status)) {
        throw new ApiError('COMMAND_NOT_RETRYABLE', 'Only ACTION_EXECUTE commands that FAILED, EXPIRED or were CANCELLED can be retried.', { status: source.status, type: source.type });
      }
      if (containsRedactedValues(source.payload)) {
        throw new ApiError(
          'COMMAND_NOT_RETRYABLE',
          'This command carried secret fields, which are discarded when a command ends; run the action again and enter them anew.',
          { reason: 'SECRETS_DISCARDED' },
        );
      }
      const target = await this.factory.loadTarget(tx, source.serviceId, source.actionName);
      this.factory.assertExecutable(target, source.payload, confirmation);
      const retry = this.factory.createExecute(tx, target, source.payload, { createdByUserId: userId, retryOfCommandId: source.id });
      this.audit.record(tx, { actorType: 'USER', actorId: userId, action: 'command.retried', targetType: 'Command', targetId: retry.id, metadata: { sourceCommandId: source.id } });
      return retry;
    });
    this.eventBus.publish(new CommandQueuedEvent(command.id, command.agentId, command.type));
    return CommandDto.from(command);
  }
}
