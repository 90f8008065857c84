import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../../../audit/audit-recorder';
import { Command } from '../../command.entity';
import { ActionCommandFactory } from '../../domain/action-command-factory';
import { CommandDto } from '../../dto/command.dto';
import { CommandQueuedEvent } from '../../events/impl/command-queued.event';
import { CreateActionCommandCommand } from '../impl/create-action-command.command';

@CommandHandler(CreateActionCommandCommand)
export class CreateActionCommandHandler implements ICommandHandler<CreateActionCommandCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly factory: ActionCommandFactory,
    private readonly audit: AuditRecorder,
    private readonly eventBus: EventBus,
  ) {}

  async execute(request: CreateActionCommandCommand): Promise<CommandDto> {
    const { userId, serviceId, actionName, payload, idempotencyKey } = request;
    const { command, created } = await this.em.fork().transactional(async (tx) => {
      const target = await this.factory.loadTarget(tx, serviceId, actionName);
      if (idempotencyKey) {
        const previous = await tx.findOne(Command, { createdByUserId: userId, serviceId, actionName, type: 'ACTION_EXECUTE', idempotencyKey });
        if (previous) {
          this.factory.assertSameRequest(previous, target.action, payload);
          return { command: previous, created: false };
        }
      }
      this.factory.assertExecutable(target, payload, request.confirmation);
      const command = this.factory.createExecute(tx, target, payload, { createdByUserId: userId, idempotencyKey });
      this.audit.record(tx, { actorType: 'USER', actorId: userId, action: 'service.action.requested', targetType: 'CapsuleService', targetId: serviceId, metadata: { actionName, commandId: command.id } });
      this.audit.record(tx, { actorType: 'USER', actorId: userId, action: 'command.created', targetType: 'Command', targetId: command.id, metadata: { serviceId, actionName } });
      return { command, created: true };
    });
    if (created) this.eventBus.publish(new CommandQueuedEvent(command.id, command.agentId, command.type));
    return CommandDto.from(command);
  }
}
