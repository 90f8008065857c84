import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { CommandStatus } from '../../../../../../libs/contracts/src';

/** A bus-created command ended: its dispatch records how (issued by the outcome saga). */
export class RecordBusCommandOutcomeCommand extends CqrsCommand<void> {
  constructor(
    readonly commandId: string,
    readonly status: CommandStatus,
  ) {
    super();
  }
}
