import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { BusDispatch } from '../../bus-dispatch.entity';
import { RecordBusCommandOutcomeCommand } from '../impl/record-bus-command-outcome.command';

/** One indexed conditional update of the dispatch that created the command. */
@CommandHandler(RecordBusCommandOutcomeCommand)
export class RecordBusCommandOutcomeHandler implements ICommandHandler<RecordBusCommandOutcomeCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ commandId, status }: RecordBusCommandOutcomeCommand): Promise<void> {
    await this.em.fork().nativeUpdate(BusDispatch, { commandId, commandStatus: null }, { commandStatus: status, updatedAt: new Date() });
  }
}
